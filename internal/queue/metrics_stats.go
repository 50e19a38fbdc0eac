package queue

import (
	"context"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Scrape-time stats are cached so that frequent scrapes cost at most one
// round of stream-info requests per statsTTL.
const (
	statsTTL     = 2 * time.Second
	statsTimeout = 2 * time.Second
)

// statsCollector reports the stream's state on scrape from cached Stats.
type statsCollector struct {
	q *Queue

	up, bytes, messages, dlqMessages, oldest, pending, ackPending *prometheus.Desc

	mu      sync.Mutex
	fetched time.Time
	last    Stats
	lastErr error
}

// newStatsCollector describes the scrape-time metrics.
func newStatsCollector(q *Queue) *statsCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("logstack_queue_"+name, help, labels, nil)
	}
	return &statsCollector{
		q:           q,
		up:          d("up", "1 when the last stats request reached the queue stream."),
		bytes:       d("stream_bytes", "Bytes held by the queue stream (not yet acknowledged)."),
		messages:    d("stream_messages", "Messages held by the queue stream (not yet acknowledged)."),
		dlqMessages: d("dead_letter_messages", "Messages held by the dead-letter stream."),
		oldest:      d("oldest_unacked_timestamp_seconds", "Publish time of the oldest queued message; 0 when empty."),
		pending:     d("consumer_pending_messages", "Messages not yet delivered to the consumer.", "consumer"),
		ackPending:  d("consumer_ack_pending_messages", "Messages delivered to the consumer and not yet acknowledged.", "consumer"),
	}
}

// Describe implements prometheus.Collector.
func (c *statsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.up, c.bytes, c.messages, c.dlqMessages, c.oldest, c.pending, c.ackPending} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *statsCollector) Collect(ch chan<- prometheus.Metric) {
	st, err := c.stats()
	if err != nil {
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	gauge(c.up, 1)
	gauge(c.bytes, float64(st.Bytes))
	gauge(c.messages, float64(st.Messages))
	gauge(c.dlqMessages, float64(st.DeadLetterMessages))
	var oldest float64
	if !st.OldestUnacked.IsZero() {
		oldest = float64(st.OldestUnacked.UnixNano()) / 1e9
	}
	gauge(c.oldest, oldest)
	for _, cs := range st.Consumers {
		gauge(c.pending, float64(cs.Pending), cs.Name)
		gauge(c.ackPending, float64(cs.AckPending), cs.Name)
	}
}

// stats returns Stats no older than statsTTL.
func (c *statsCollector) stats() (Stats, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.fetched) < statsTTL {
		return c.last, c.lastErr
	}
	ctx, cancel := context.WithTimeoutCause(context.Background(), statsTimeout, errStatsTimeout)
	defer cancel()
	c.last, c.lastErr = c.q.Stats(ctx)
	c.fetched = time.Now()
	return c.last, c.lastErr
}
