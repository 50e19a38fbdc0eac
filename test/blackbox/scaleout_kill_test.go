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
// Each round kills the other indexer and starts a new one in its place;
// LOGSTACK_CRASH_ROUNDS sets the number of rounds (CI runs several).
func TestScaleOutIndexerKilled(t *testing.T) {
	rounds := crashRounds()
	opts := clusterOptions{brokers: 2, indexers: 2, ackWait: "3s"}
	c := startCluster(t, opts)
	for r := 1; r <= rounds; r++ {
		victim := (r - 1) % 2
		redelivered := metricValue(t, c.indexers[1-victim], redeliveredMsgs)
		acked := c.loadAndKillIndexer(r, victim)
		c.verifyExactlyOnce(acked, 90*time.Second)
		// The victim died holding fetched batches: the survivor must have
		// been handed them again, or the kill proved nothing.
		if got := metricValue(t, c.indexers[1-victim], redeliveredMsgs); got <= redelivered {
			t.Errorf("round %d: the surviving indexer received no redelivered message (%.0f before, %.0f after): the kill did not land mid-batch", r, redelivered, got)
		}
		t.Logf("round %d: the surviving indexer received %.0f redelivered messages and found %.0f of their events already stored",
			r, metricValue(t, c.indexers[1-victim], redeliveredMsgs)-redelivered, metricValue(t, c.indexers[1-victim], "logstack_indexer_duplicates_total"))
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
	var loads []*idLoad
	for bi, b := range c.brokers {
		for ci := range 2 {
			prefix := fmt.Sprintf("k%d-b%d-c%d", r, bi, ci)
			l := newIDLoad()
			loads = append(loads, l)
			// Paced at about 1,000 events/s per client: the store is an
			// in-process fake that indexes slowly under -race, and an
			// unbounded load makes each round's backlog, not the kill,
			// decide how long the test takes.
			wg.Go(func() { l.run(b.HTTP, prefix, 50, 50000, 50*time.Millisecond, &stop) })
		}
	}
	defer func() { stop.Store(true); wg.Wait() }()
	base := []float64{metricValue(t, c.indexers[0], indexed), metricValue(t, c.indexers[1], indexed)}
	c.waitUntil(60*time.Second, "both indexers commit events", func() bool {
		return metricValue(t, c.indexers[0], indexed) > base[0] && metricValue(t, c.indexers[1], indexed) > base[1]
	})
	// With the store down for a moment both indexers hold fetched,
	// unacknowledged batches that they keep retrying, so the kill always
	// lands mid-batch rather than between batches.
	c.es.SetDown(true)
	time.Sleep(1500 * time.Millisecond)
	before := ackedTotal(loads)
	c.indexers[victim].kill()
	c.es.SetDown(false)
	t.Logf("round %d: indexer %d killed after %d acknowledged events", r, victim, before)
	c.waitUntil(60*time.Second, "brokers keep accepting after the kill", func() bool {
		return ackedTotal(loads) >= before+2000
	})
	stop.Store(true)
	wg.Wait()
	acked := ackedUnion(loads)
	t.Logf("round %d: %d events acknowledged by the brokers", r, len(acked))
	return acked
}

// indexed is the indexer's committed-events counter.
const indexed = "logstack_indexer_events_total"

// redeliveredMsgs counts messages an indexer fetched after an earlier
// delivery went unacknowledged.
const redeliveredMsgs = "logstack_indexer_redelivered_messages_total"
