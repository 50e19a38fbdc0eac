package queue

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/logstack/logstack/internal/testkit/natsserver"
)

// sharedConfig is what every process of a scale-out deployment puts in
// its queue section: the same external server and the same limits.
func sharedConfig(url string) Config {
	cfg := DefaultConfig()
	cfg.URL = url
	cfg.MaxBytes = 64 << 20
	cfg.MaxMsgSize = 1 << 20
	return cfg
}

// TestSharedStreamAndConsumer opens the stream and the durable consumer
// from several processes' worth of handles at once on Debian's
// nats-server, as brokers and indexers starting together do: whoever comes
// first creates them, the rest find them, and two indexers' fetches split
// the messages without handing any to both.
func TestSharedStreamAndConsumer(t *testing.T) {
	srv := natsserver.Start(t)
	const procs = 4
	queues := make([]*Queue, procs)
	consumers := make([]*Consumer, procs)
	errs := make([]error, procs)
	var wg sync.WaitGroup
	for i := range procs {
		wg.Go(func() {
			q, err := Open(testContext(t), sharedConfig(srv.URL), nil, nil)
			if err != nil {
				errs[i] = err
				return
			}
			queues[i] = q
			consumers[i], errs[i] = q.Consumer(testContext(t), "indexer", ConsumerOptions{AckWait: 2 * time.Second})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if queues[i] != nil {
			t.Cleanup(func() { _ = queues[i].Close() })
		}
		if err != nil {
			t.Fatalf("process %d: %v\n%s", i, err, srv.Logs())
		}
	}

	const n = 200
	for i := range n {
		if err := queues[i%procs].Publish(testContext(t), fmt.Appendf(nil, "m-%d", i), fmt.Sprintf("id-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[uint64]int{}
	var mu sync.Mutex
	got := make([]int, 2)
	for w := range 2 {
		wg.Go(func() {
			for {
				mu.Lock()
				done := len(seen) == n
				mu.Unlock()
				if done {
					return
				}
				msgs, err := consumers[w].Fetch(testContext(t), 7, 200*time.Millisecond)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, m := range msgs {
					seen[m.Seq]++
					got[w]++
				}
				mu.Unlock()
				ackAll(t, msgs)
			}
		})
	}
	wg.Wait()
	for seq, c := range seen {
		if c != 1 {
			t.Errorf("message %d delivered %d times", seq, c)
		}
	}
	if got[0] == 0 || got[1] == 0 {
		t.Errorf("work not split between the two consumers: %v", got)
	}
}

// TestSharedConsumerRedeliversAfterAckWait: messages one indexer fetched
// and never acknowledged (it was killed) go to another after AckWait.
func TestSharedConsumerRedeliversAfterAckWait(t *testing.T) {
	srv := natsserver.Start(t)
	open := func() *Consumer {
		q := openQueue(t, sharedConfig(srv.URL))
		c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{AckWait: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	dead, alive := open(), open()
	publishN(t, alive.q, 5)
	lost := fetchN(t, dead, 5) // fetched, never acked: the process dies
	_ = dead.q.Close()
	again := fetchN(t, alive, 5)
	for i, m := range again {
		if m.Seq != lost[i].Seq || m.Delivered != 2 {
			t.Errorf("redelivered message %d: seq %d delivered %d, want seq %d delivered 2", i, m.Seq, m.Delivered, lost[i].Seq)
		}
	}
	ackAll(t, again)
}

// TestEnsureStreamUpdatesOnlyOnChange checks what lets processes start
// together without updating one stream at once: the settings logstack sets
// read back equal from the server (a restart changes nothing), and a
// changed limit is still applied.
func TestEnsureStreamUpdatesOnlyOnChange(t *testing.T) {
	srv := natsserver.Start(t)
	cfg := sharedConfig(srv.URL)
	q := openQueue(t, cfg)
	for _, sc := range []jetstream.StreamConfig{streamConfig(cfg), dlqStreamConfig(cfg)} {
		s, err := q.JetStream().Stream(testContext(t), sc.Name)
		if err != nil {
			t.Fatal(err)
		}
		if have := s.CachedInfo().Config; !sameSettings(have, sc) {
			t.Errorf("stream %s reads back different settings: %+v, set %+v", sc.Name, have, sc)
		}
	}
	cfg.MaxBytes *= 2
	s, err := ensureStream(testContext(t), q.JetStream(), streamConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.CachedInfo().Config.MaxBytes; got != cfg.MaxBytes {
		t.Errorf("max_bytes after a change = %d, want %d", got, cfg.MaxBytes)
	}
}
