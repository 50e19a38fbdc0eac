package blackbox

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestScaleOutQueueDown stops the NATS server under a broker and an
// indexer: the broker refuses events with 503 instead of accepting what
// it cannot keep, and both say on /readyz that the queue is unavailable.
func TestScaleOutQueueDown(t *testing.T) {
	c := startCluster(t, clusterOptions{brokers: 1, indexers: 1, ackWait: "10s"})
	b, ix := c.brokers[0], c.indexers[0]
	if code, err := postNDJSON(b.HTTP, []string{`{"message":"before","event":{"id":"qd-1"}}`}); err != nil || code != http.StatusOK {
		t.Fatalf("ingest with the queue up: %d %v", code, err)
	}
	c.verifyExactlyOnce(map[string]bool{"qd-1": true}, 30*time.Second)

	c.nats.Kill()
	c.waitUntil(30*time.Second, "both processes report the queue unavailable", func() bool {
		for _, s := range []*server{b, ix} {
			code, body := fetch(t, s.HTTP+"/readyz")
			if code != http.StatusServiceUnavailable || !strings.Contains(body, `"queue":"queue unavailable`) {
				return false
			}
		}
		return true
	})
	code, err := postNDJSON(b.HTTP, []string{`{"message":"after","event":{"id":"qd-2"}}`})
	if err != nil || code != http.StatusServiceUnavailable {
		t.Errorf("ingest with the queue down: %d %v, want 503", code, err)
	}
}
