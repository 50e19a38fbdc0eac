package blackbox

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/testkit/esfake"
	"github.com/logstack/logstack/internal/testkit/natsserver"
)

// cluster is the scale-out deployment of docs/SCALE-OUT.md on loopback: a
// real nats-server with JetStream, broker and indexer processes of the
// built binary, and the Elasticsearch protocol fake (running in the test
// process) as their store.
type cluster struct {
	t        *testing.T
	nats     *natsserver.Server
	es       *esfake.Server
	brokers  []*server
	indexers []*server
}

// clusterOptions tune the processes' shared config.
type clusterOptions struct {
	brokers, indexers int
	queue             string // extra keys inside queue: {...}
	ackWait           string
}

// startCluster starts nats-server, then the indexers, then the brokers
// (sinks before sources), each with its own config file and data dir.
func startCluster(t *testing.T, o clusterOptions) *cluster {
	t.Helper()
	c := &cluster{t: t, nats: natsserver.Start(t), es: esfake.Start(t)}
	for i := range o.indexers {
		c.indexers = append(c.indexers, c.startRole(t, "indexer", i, o))
	}
	for i := range o.brokers {
		c.brokers = append(c.brokers, c.startRole(t, "broker", i, o))
	}
	return c
}

// startRole starts one process of role with the shared config.
func (c *cluster) startRole(t *testing.T, role string, i int, o clusterOptions) *server {
	t.Helper()
	dir := t.TempDir()
	extra := fmt.Sprintf(`queue: {url: %q%s}
indexer: {ack_wait: %s, batch_wait: 100ms}
store:
  type: elasticsearch
  elasticsearch: {urls: [%q], request_timeout: 5s}
`, c.nats.URL, o.queue, o.ackWait, c.es.URL)
	s := start(t, writeConfig(t, dir, "", extra), "--role", role)
	t.Logf("%s %d: http %s", role, i, s.HTTP)
	return s
}

// idLoad sends NDJSON batches with known event ids to one broker and
// records which ids were acknowledged (HTTP 200). A refused batch (429,
// 503, connection error) is retried as it is, as a shipper does.
type idLoad struct {
	mu       sync.Mutex
	acked    map[string]bool
	refused  map[int]int // status -> count
	sent     atomic.Int64
	ackedNum atomic.Int64
}

func newIDLoad() *idLoad { return &idLoad{acked: map[string]bool{}, refused: map[int]int{}} }

// run sends batches of size events with ids prefix-0, prefix-1, ... to
// base until stop is set or max events were acknowledged, pausing between
// acknowledged batches so that a test can bound the load it creates.
func (l *idLoad) run(base, prefix string, size, max int, pause time.Duration, stop *atomic.Bool) {
	client := &http.Client{Timeout: 30 * time.Second}
	for n := 0; n+size <= max && !stop.Load(); {
		ids := make([]string, size)
		lines := make([]string, size)
		for i := range size {
			ids[i] = fmt.Sprintf("%s-%d", prefix, n+i)
			lines[i] = fmt.Sprintf(`{"message":"scale-out event %d %s","event":{"id":%q},"test":{"client":%q,"n":%d}}`,
				n+i, strings.Repeat("p", 64), ids[i], prefix, n+i)
		}
		l.sent.Add(int64(size))
		resp, err := client.Post(base+"/ingest", "application/x-ndjson", strings.NewReader(strings.Join(lines, "\n")+"\n"))
		code := 0
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			code = resp.StatusCode
		}
		if code == http.StatusOK {
			l.mu.Lock()
			for _, id := range ids {
				l.acked[id] = true
			}
			l.mu.Unlock()
			l.ackedNum.Add(int64(size))
			n += size
			time.Sleep(pause)
			continue
		}
		l.mu.Lock()
		l.refused[code]++
		l.mu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
}

// ackedIDs returns a copy of the acknowledged ids.
func (l *idLoad) ackedIDs() map[string]bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]bool, len(l.acked))
	for id := range l.acked {
		out[id] = true
	}
	return out
}

// ackedTotal counts the events the loads' brokers acknowledged so far.
func ackedTotal(loads []*idLoad) int64 {
	var n int64
	for _, l := range loads {
		n += l.ackedNum.Load()
	}
	return n
}

// ackedUnion returns every id the loads' brokers acknowledged: the events
// an exactly-once check expects in the store.
func ackedUnion(loads []*idLoad) map[string]bool {
	acked := map[string]bool{}
	for _, l := range loads {
		for id := range l.ackedIDs() {
			acked[id] = true
		}
	}
	return acked
}

func (l *idLoad) refusals() map[int]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[int]int{}
	for k, v := range l.refused {
		out[k] = v
	}
	return out
}

// verifyExactlyOnce waits until every acknowledged id is in the store
// (failing once none has arrived for within),
// then checks that each id there is stored once: acknowledged events are
// neither lost nor duplicated, and nothing (acknowledged or not) is
// stored twice.
func (c *cluster) verifyExactlyOnce(acked map[string]bool, within time.Duration) {
	t := c.t
	t.Helper()
	// The fake store indexes slowly under -race on a loaded CI machine, so
	// the wait ends on a stall (no acknowledged event arriving for within),
	// not on a fixed deadline: a lost event never arrives, a slow one does.
	deadline := time.Now().Add(within)
	last := len(acked) + 1
	var missing []string
	for {
		counts := c.es.IDCounts()
		missing = missing[:0]
		for id := range acked {
			if counts[id] == 0 {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			break
		}
		if len(missing) < last {
			last, deadline = len(missing), time.Now().Add(within)
		}
		if time.Now().After(deadline) {
			t.Errorf("%d of %d acknowledged events never reached the store (none arrived for %s), e.g. %v", len(missing), len(acked), within, missing[:min(5, len(missing))])
			c.dumpLogs()
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	dups := 0
	for id, n := range c.es.IDCounts() {
		if n != 1 {
			dups++
			if dups <= 5 {
				t.Errorf("event %s stored %d times", id, n)
			}
		}
	}
	if dups > 0 {
		t.Errorf("%d events stored more than once", dups)
	}
}

// waitUntil polls cond until it holds; after within the test fails with
// every process's log.
func (c *cluster) waitUntil(within time.Duration, what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			c.dumpLogs()
			c.t.Fatalf("timed out after %s waiting until %s", within, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// dumpLogs prints every process's log, for a failure's diagnosis.
func (c *cluster) dumpLogs() {
	for i, s := range c.indexers {
		c.t.Logf("indexer %d log:\n%s", i, tail(s.logs(), 4000))
	}
	for i, s := range c.brokers {
		c.t.Logf("broker %d log:\n%s", i, tail(s.logs(), 4000))
	}
	c.t.Logf("nats-server log:\n%s", tail(c.nats.Logs(), 2000))
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// fetch returns a GET's status and body.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
