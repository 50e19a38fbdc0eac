package queue

import (
	"log/slog"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestMetrics(t *testing.T) {
	cfg := testConfig(t)
	reg := prometheus.NewRegistry()
	q, err := Open(testContext(t), cfg, slog.New(slog.DiscardHandler), reg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if _, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{}); err != nil {
		t.Fatal(err)
	}
	publishN(t, q, 2)
	_ = q.Publish(testContext(t), []byte("msg-2"), "id-2") // duplicate
	_ = q.Publish(testContext(t), make([]byte, cfg.MaxMsgSize+1), "")

	got := gather(t, reg)
	f := func(name string, want float64) {
		t.Helper()
		if v, ok := got[name]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", name, v, ok, want)
		}
	}
	f("logstack_queue_published_messages_total", 3)
	f("logstack_queue_published_bytes_total", 15)
	f("logstack_queue_publish_duplicates_total", 1)
	f(`logstack_queue_publish_errors_total{reason="too_large"}`, 1)
	f(`logstack_queue_publish_errors_total{reason="full"}`, 0)
	f("logstack_queue_max_bytes", float64(cfg.MaxBytes))
	f("logstack_queue_up", 1)
	f("logstack_queue_stream_messages", 2)
	f(`logstack_queue_consumer_pending_messages{consumer="indexer"}`, 2)
	f(`logstack_queue_consumer_ack_pending_messages{consumer="indexer"}`, 0)

	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if left := gather(t, reg); len(left) != 0 {
		t.Errorf("metrics left registered after Close: %v", left)
	}
}

// gather flattens reg into "name{label="value"}" -> value (counters and
// gauges).
func gather(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range families {
		for _, m := range mf.GetMetric() {
			key := mf.GetName()
			for _, l := range m.GetLabel() {
				key += "{" + l.GetName() + `="` + l.GetValue() + `"}`
			}
			out[key] = m.GetGauge().GetValue()
			if c := m.GetCounter(); c != nil {
				out[key] = c.GetValue()
			}
		}
	}
	return out
}
