package queue

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

func TestUnackedDataSurvivesRestart(t *testing.T) {
	for _, sync := range []string{SyncDefault, SyncAlways} {
		t.Run(sync, func(t *testing.T) {
			cfg := testConfig(t)
			cfg.Sync = sync
			opts := ConsumerOptions{AckWait: 300 * time.Millisecond}

			q, err := Open(testContext(t), cfg, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			c, err := q.Consumer(testContext(t), "indexer", opts)
			if err != nil {
				t.Fatal(err)
			}
			publishN(t, q, 5)
			got := fetchN(t, c, 2)
			ackAll(t, got[:1]) // seq 1 acked, seq 2 delivered but not acked
			waitFor(t, "ack applied", messagesIs(q, 4))
			if err := q.Close(); err != nil {
				t.Fatal(err)
			}

			q = openQueue(t, cfg)
			c, err = q.Consumer(testContext(t), "indexer", opts)
			if err != nil {
				t.Fatal(err)
			}
			assertSeqs(t, fetchN(t, c, 4), 2, 3, 4, 5)
		})
	}
}

// assertSeqs checks that msgs are exactly the sequences want with the
// payloads publishN wrote.
func assertSeqs(t *testing.T, msgs []*Message, want ...uint64) {
	t.Helper()
	var got []uint64
	for _, m := range msgs {
		got = append(got, m.Seq)
		if string(m.Data) != fmt.Sprintf("msg-%d", m.Seq) {
			t.Errorf("seq %d: Data = %q", m.Seq, m.Data)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("sequences = %v, want %v", got, want)
	}
}

// killHelperDir names the directory the helper process publishes into.
const killHelperDir = "LOGSTACK_QUEUE_KILL_DIR"

// TestKillHelper is the child process of TestAcknowledgedDataSurvivesKill:
// it publishes, reports, and waits to be killed. It does nothing when run
// as a normal test.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv(killHelperDir)
	if dir == "" {
		return
	}
	cfg := DefaultConfig()
	cfg.Dir, cfg.MinFreeDisk = dir, 0
	q, err := Open(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	publishN(t, q, 20)
	fmt.Println("published")
	select {} // SIGKILL ends this process without Close
}

func TestAcknowledgedDataSurvivesKill(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), killHelperDir+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "published\n" {
		_ = cmd.Process.Kill()
		t.Fatalf("helper said %q, %v", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	cfg := DefaultConfig()
	cfg.Dir, cfg.MinFreeDisk = dir, 0
	q := openQueue(t, cfg)
	c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]uint64, 20)
	for i := range want {
		want[i] = uint64(i + 1)
	}
	assertSeqs(t, fetchN(t, c, 20), want...)
}
