package blackbox

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCrashExactlyOnce is the durability contract of issue 2: while clients
// send over HTTP and TCP, logstack is killed with SIGKILL; after a restart
// every event that got a 2xx (HTTP) or whose connection the server closed
// after a half-close (TCP) is searchable exactly once, and no event at all
// appears twice. LOGSTACK_CRASH_ROUNDS sets how many kill/restart rounds run
// (CI runs several).
func TestCrashExactlyOnce(t *testing.T) {
	rounds := crashRounds()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, "", "")
	srv := start(t, cfg)
	for r := 1; r <= rounds; r++ {
		acked := loadAndKill(t, srv, r)
		srv = start(t, cfg)
		verifyRound(t, srv, r, acked)
	}
	if err := srv.stop(60 * time.Second); err != nil {
		t.Fatalf("SIGTERM: exit %v\n%s", err, srv.logs())
	}
}

// crashRounds is how many kill/restart rounds the crash tests run:
// LOGSTACK_CRASH_ROUNDS when set to a positive number (CI runs several), 2
// otherwise.
func crashRounds() int {
	if v, err := strconv.Atoi(os.Getenv("LOGSTACK_CRASH_ROUNDS")); err == nil && v > 0 {
		return v
	}
	return 2
}

// maxPerClient keeps each client's events within one aggregation answer.
const maxPerClient = 9000

// clientLog records which sequence numbers a client saw acknowledged.
type clientLog struct {
	mu    sync.Mutex
	acked map[int]bool
	sent  int
}

func (c *clientLog) ack(ns []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range ns {
		c.acked[n] = true
	}
}

// loadAndKill runs HTTP and TCP clients against srv, kills it with SIGKILL
// mid-stream and returns what each client saw acknowledged.
func loadAndKill(t *testing.T, srv *server, round int) map[string]*clientLog {
	clients := map[string]*clientLog{}
	for _, name := range []string{"h1", "h2", "hid", "t1", "t2"} {
		clients[name] = &clientLog{acked: map[int]bool{}}
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for name, cl := range clients {
		wg.Go(func() {
			switch name[0] {
			case 'h':
				httpClient(srv.HTTP, round, name, cl, &stop)
			case 't':
				tcpClient(srv.TCP, round, name, cl, &stop)
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	srv.kill()
	stop.Store(true)
	wg.Wait()
	total := 0
	for _, cl := range clients {
		total += len(cl.acked)
	}
	t.Logf("round %d: %d events acknowledged before SIGKILL", round, total)
	if total == 0 {
		t.Fatalf("round %d: no event was acknowledged; the load never reached the server\n%s", round, srv.logs())
	}
	return clients
}

func line(round int, client string, n int, withID bool) string {
	id := ""
	if withID {
		id = fmt.Sprintf(`,"event":{"id":"r%d-%s-%d"}`, round, client, n)
	}
	return fmt.Sprintf(`{"message":"crash test event %d","test":{"round":%d,"client":"%s","n":%d}%s}`, n, round, client, n, id)
}

// httpClient posts batches of 50. The "hid" client supplies event ids and
// retries a failed batch as it is, the way Filebeat retries; the others
// move on, like a fire-and-forget sender.
func httpClient(base string, round int, name string, cl *clientLog, stop *atomic.Bool) {
	withID := name == "hid"
	for n := 0; n+50 <= maxPerClient && !stop.Load(); {
		lines := make([]string, 0, 50)
		ns := make([]int, 0, 50)
		for i := 0; i < 50; i++ {
			lines = append(lines, line(round, name, n+i, withID))
			ns = append(ns, n+i)
		}
		code, err := postNDJSON(base, lines)
		if err == nil && code == http.StatusOK {
			cl.ack(ns)
			n += 50
			continue
		}
		if !withID {
			n += 50
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// tcpClient sends 20 lines per connection, half-closes, and counts the lines
// acknowledged when the server answers {"acknowledged":20} before closing:
// the TCP delivery guarantee.
func tcpClient(addr string, round int, name string, cl *clientLog, stop *atomic.Bool) {
	for n := 0; n+20 <= maxPerClient && !stop.Load(); n += 20 {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		ns := make([]int, 0, 20)
		var buf []byte
		for i := 0; i < 20; i++ {
			buf = append(buf, line(round, name, n+i, false)+"\n"...)
			ns = append(ns, n+i)
		}
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		_, err = conn.Write(buf)
		if err == nil {
			err = conn.(*net.TCPConn).CloseWrite()
		}
		var reply []byte
		if err == nil {
			reply, err = io.ReadAll(conn)
		}
		conn.Close()
		// A clean EOF alone is no receipt (a killed server's kernel closes
		// cleanly too); the acknowledgement line is.
		if err == nil && string(reply) == `{"acknowledged":20}`+"\n" {
			cl.ack(ns)
		}
	}
}

// verifyRound waits for the indexer to catch up, then checks every client's
// events: acknowledged ones exactly once, none more than once.
func verifyRound(t *testing.T, srv *server, round int, clients map[string]*clientLog) {
	q := fmt.Sprintf("test.round:%d", round)
	want := int64(0)
	for _, cl := range clients {
		want += int64(len(cl.acked))
	}
	var last int64 = -1
	deadline := time.Now().Add(90 * time.Second)
	for {
		total, _ := srv.countBy(q, "test.client")
		if total >= want && total == last {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("round %d: store holds %d events, want at least %d acknowledged ones", round, total, want)
			break
		}
		last = total
		time.Sleep(500 * time.Millisecond)
	}
	for name, cl := range clients {
		_, counts := srv.countBy(fmt.Sprintf("%s AND test.client:%s", q, name), "test.n")
		for n := range cl.acked {
			if c := counts[strconv.Itoa(n)]; c != 1 {
				t.Errorf("round %d client %s event %d: acknowledged, stored %d times", round, name, n, c)
			}
		}
		for n, c := range counts {
			if c > 1 {
				t.Errorf("round %d client %s event %s: stored %d times", round, name, n, c)
			}
		}
	}
}
