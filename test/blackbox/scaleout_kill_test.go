package blackbox

import (
	"fmt"
	"net/http"
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
func TestScaleOutIndexerKilled(t *testing.T) {
	c := startCluster(t, clusterOptions{brokers: 2, indexers: 2, ackWait: "3s"})
	var stop atomic.Bool
	var wg sync.WaitGroup
	loads := map[string]*idLoad{}
	for bi, b := range c.brokers {
		for ci := range 2 {
			prefix := fmt.Sprintf("k-b%d-c%d", bi, ci)
			l := newIDLoad()
			loads[prefix] = l
			wg.Go(func() { l.run(b.HTTP, prefix, 50, 50000, &stop) })
		}
	}
	defer func() { stop.Store(true); wg.Wait() }()

	// Both indexers take a share of the work before one is killed.
	c.waitUntil(60*time.Second, "both indexers commit events", func() bool {
		return metricValue(t, c.indexers[0], indexed) > 0 && metricValue(t, c.indexers[1], indexed) > 0
	})
	before := totalAcked(loads)
	c.indexers[0].kill()
	t.Logf("indexer 0 killed after %d acknowledged events", before)
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
	t.Logf("%d events acknowledged by the brokers", len(acked))
	c.verifyExactlyOnce(acked, 90*time.Second)
	t.Logf("the surviving indexer found %.0f events already stored (redelivered after the kill)",
		metricValue(t, c.indexers[1], "logstack_indexer_duplicates_total"))
	if code, body := fetch(t, c.indexers[1].HTTP+"/readyz"); code != http.StatusOK {
		t.Errorf("surviving indexer not ready: %d %s", code, body)
	}
	// The others shut down cleanly on SIGTERM, brokers first.
	for _, s := range []*server{c.brokers[0], c.brokers[1], c.indexers[1]} {
		if err := s.stop(30 * time.Second); err != nil {
			t.Errorf("SIGTERM: %v\n%s", err, tail(s.logs(), 2000))
		}
	}
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
