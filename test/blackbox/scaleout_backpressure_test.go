package blackbox

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestScaleOutBackpressure takes the store down under load: the indexers
// hold their batches, the small queue fills, the brokers answer 429/503
// and say why on /readyz; when the store comes back the backlog drains
// and every acknowledged event is stored exactly once.
func TestScaleOutBackpressure(t *testing.T) {
	c := startCluster(t, clusterOptions{
		brokers: 2, indexers: 2, ackWait: "10s",
		queue: ", max_bytes: 256KiB, max_message_bytes: 64KiB",
	})
	c.es.SetDown(true)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var loads []*idLoad
	for bi, b := range c.brokers {
		l := newIDLoad()
		loads = append(loads, l)
		prefix := fmt.Sprintf("bp-b%d", bi)
		wg.Go(func() { l.run(b.HTTP, prefix, 50, 1_000_000, 0, &stop) })
	}
	defer func() { stop.Store(true); wg.Wait() }()

	c.waitUntil(60*time.Second, "both brokers push back with 429 or 503", func() bool {
		for _, l := range loads {
			r := l.refusals()
			if r[http.StatusTooManyRequests]+r[http.StatusServiceUnavailable] == 0 {
				return false
			}
		}
		return true
	})
	for i, b := range c.brokers {
		code, body := fetch(t, b.HTTP+"/readyz")
		if code != http.StatusServiceUnavailable || !strings.Contains(body, `"queue":"queue full`) {
			t.Errorf("broker %d /readyz with a full queue = %d %s", i, code, body)
		}
		_, metrics := fetch(t, b.HTTP+"/metrics")
		for _, m := range []string{"logstack_queue_stream_bytes ", "logstack_queue_consumer_pending_messages", `logstack_queue_publish_errors_total{reason="full"}`} {
			if !strings.Contains(metrics, m) {
				t.Errorf("broker %d /metrics lacks %s", i, m)
			}
		}
	}
	code, body := fetch(t, c.indexers[0].HTTP+"/readyz")
	// A full queue is the brokers' concern; the indexer names the store.
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "store") || !strings.Contains(body, `"queue":"ok"`) {
		t.Errorf("indexer /readyz with the store down = %d %s", code, body)
	}
	_, metrics := fetch(t, c.indexers[0].HTTP+"/metrics")
	for _, m := range []string{"logstack_indexer_last_lag_seconds", "logstack_queue_stream_messages "} {
		if !strings.Contains(metrics, m) {
			t.Errorf("indexer /metrics lacks %s", m)
		}
	}

	atDown := ackedTotal(loads)
	c.es.SetDown(false)
	c.waitUntil(120*time.Second, "the backlog drains and the brokers accept again", func() bool {
		return ackedTotal(loads) >= atDown+500
	})
	stop.Store(true)
	wg.Wait()
	acked := ackedUnion(loads)
	t.Logf("%d events acknowledged, %d of them while the store was down", len(acked), atDown)
	if atDown == 0 {
		t.Error("no event was acknowledged before the queue filled; the test proved nothing about the backlog")
	}
	c.verifyExactlyOnce(acked, 120*time.Second)
}
