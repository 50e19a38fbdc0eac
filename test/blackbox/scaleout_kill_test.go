package blackbox

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestScaleOutIndexerKilled is issue 4's acceptance test: two brokers and
// two indexers of the built binary share a real nats-server; events with
// known ids go to both brokers at once; one indexer is SIGKILLed
// mid-stream. Its unacknowledged messages come back to the other after
// ack_wait, and every acknowledged event ends in the store exactly once.
// Each round kills the other indexer and starts a new one in its place;
// LOGSTACK_CRASH_ROUNDS sets the number of rounds (CI runs several).
func TestScaleOutIndexerKilled(t *testing.T) {
	rounds := 2
	if v, err := strconv.Atoi(os.Getenv("LOGSTACK_CRASH_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	opts := clusterOptions{brokers: 2, indexers: 2, ackWait: "3s"}
	c := startCluster(t, opts)
	for r := 1; r <= rounds; r++ {
		victim := (r - 1) % 2
		acked := c.loadAndKillIndexer(r, victim)
		c.verifyExactlyOnce(acked, 90*time.Second)
		t.Logf("round %d: the surviving indexer found %.0f events already stored (redelivered after the kill)",
			r, metricValue(t, c.indexers[1-victim], "logstack_indexer_duplicates_total"))
		if code, body := fetch(t, c.indexers[1-victim].HTTP+"/readyz"); code != http.StatusOK {
			t.Errorf("round %d: surviving indexer not ready: %d %s", r, code, body)
		}
		c.indexers[victim] = c.startRole(t, "indexer", victim, opts)
	}
	// Everything shuts down cleanly on SIGTERM, brokers first.
	for _, s := range append(c.brokers, c.indexers...) {
		if err := s.stop(30 * time.Second); err != nil {
			t.Errorf("SIGTERM: %v\n%s", err, tail(s.logs(), 2000))
		}
	}
}

// loadAndKillIndexer sends events with ids of round r to both brokers
// from two clients each, SIGKILLs indexer victim once both indexers have
// committed events, keeps sending a while, and returns the acknowledged
// ids.
func (c *cluster) loadAndKillIndexer(r, victim int) map[string]bool {
	t := c.t
	var stop atomic.Bool
	var wg sync.WaitGroup
	loads := map[string]*idLoad{}
	for bi, b := range c.brokers {
		for ci := range 2 {
			prefix := fmt.Sprintf("k%d-b%d-c%d", r, bi, ci)
			l := newIDLoad()
			loads[prefix] = l
			wg.Go(func() { l.run(b.HTTP, prefix, 50, 50000, &stop) })
		}
	}
	defer func() { stop.Store(true); wg.Wait() }()
	base := []float64{metricValue(t, c.indexers[0], indexed), metricValue(t, c.indexers[1], indexed)}
	c.waitUntil(60*time.Second, "both indexers commit events", func() bool {
		return metricValue(t, c.indexers[0], indexed) > base[0] && metricValue(t, c.indexers[1], indexed) > base[1]
	})
	before := totalAcked(loads)
	c.indexers[victim].kill()
	t.Logf("round %d: indexer %d killed after %d acknowledged events", r, victim, before)
	c.waitUntil(60*time.Second, "brokers keep accepting after the kill", func() bool {
		return totalAcked(loads) >= before+2000
	})
	stop.Store(true)
	wg.Wait()
	acked := map[string]bool{}
	for _, l := range loads {
		for id := range l.ackedIDs() {
			acked[id] = true
		}
	}
	t.Logf("round %d: %d events acknowledged by the brokers", r, len(acked))
	return acked
}

// indexed is the indexer's committed-events counter.
const indexed = "logstack_indexer_events_total"

func totalAcked(loads map[string]*idLoad) int64 {
	var n int64
	for _, l := range loads {
		n += l.ackedNum.Load()
	}
	return n
}
