//go:build unix

package app

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/elb"
	"github.com/logstack/logstack/internal/testkit/esack"
	"github.com/logstack/logstack/internal/testkit/esfake"
)

// BenchmarkIndexerElasticsearch measures the indexer role's path into an
// Elasticsearch cluster (issue 4): the embedded JetStream queue, pre-filled
// with LOGSTACK_BENCH_EVENTS events (default 100,000) through POST /ingest
// off the clock, is drained by the indexer through the Elasticsearch store
// into (a) esack, an acknowledge-only bulk endpoint, which isolates
// logstack's own cost, and (b) esfake, the protocol fake, which really
// indexes. The clock and the counts start once the process has started
// (store open, queue recovery; the indexer may have committed a first
// batch by then, which is left out) and stop when the indexer has
// committed every event.
//
// Reported: events/s and bulk/s committed, and cpu-µs/event, the CPU the
// whole test process used per event while draining; it includes the HTTP
// server, which runs in the same process (little for esack, most of it
// for esfake).
//
//	LOGSTACK_BENCH_EVENTS=200000 go test ./internal/app -run '^$' -bench IndexerElasticsearch -benchtime 2x
func BenchmarkIndexerElasticsearch(b *testing.B) {
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("LOGSTACK_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	for _, kind := range []struct {
		name string
		body func(b *testing.B, first, count int) []byte
	}{{"app200B", appBody}, {"alb1500B", albBody}} {
		for _, srv := range []struct {
			name  string
			start func(b *testing.B) string
		}{
			{"ack", func(b *testing.B) string { return esack.Start(b).URL }},
			{"esfake", func(b *testing.B) string { return esfake.Start(b).URL }},
		} {
			b.Run(kind.name+"/"+srv.name, func(b *testing.B) {
				benchIndexES(b, n, kind.body, srv.start)
			})
		}
	}
}

// benchIndexES runs one drain per iteration on a fresh data directory and
// a fresh server.
func benchIndexES(b *testing.B, n int, body func(*testing.B, int, int) []byte, start func(*testing.B) string) {
	var events, bulks float64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		dir, url := b.TempDir(), start(b)
		es := func(c *config.Config) {
			c.Store.Type = "elasticsearch"
			c.Store.Elasticsearch.URLs = []string{url}
			c.Inputs.TCP.Enabled = false
		}
		fillQueue(b, dir, n, body, es)
		a := startApp(b, dir, es)
		cpu0, ev0, bulk0 := cpuTime(), committed(b, a.reg, "logstack_indexer_events_total"), committed(b, a.reg, "logstack_es_bulk_requests_total")
		b.StartTimer()
		for committed(b, a.reg, "logstack_indexer_events_total") < float64(n) {
			time.Sleep(5 * time.Millisecond)
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		events += committed(b, a.reg, "logstack_indexer_events_total") - ev0
		bulks += committed(b, a.reg, "logstack_es_bulk_requests_total") - bulk0
		if err := a.Shutdown(b.Context()); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(events/sec, "events/s")
	b.ReportMetric(bulks/sec, "bulk/s")
	b.ReportMetric(float64(cpu.Microseconds())/events, "cpu-µs/event")
}

// fillQueue posts n events to a process without an indexer, so that they
// wait in the queue of dir, and stops it.
func fillQueue(b *testing.B, dir string, n int, body func(*testing.B, int, int) []byte, es func(*config.Config)) {
	a := startApp(b, dir, func(c *config.Config) {
		es(c)
		c.Indexer.Enabled = false
	})
	const per = 1000
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			for first := w * per; first < n; first += 4 * per {
				req := body(b, first, min(per, n-first))
				resp, err := http.Post("http://"+a.HTTPAddr()+"/ingest", "application/x-ndjson", bytes.NewReader(req))
				if err != nil {
					errs <- err
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("ingest: status %d", resp.StatusCode)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	if err := a.Shutdown(b.Context()); err != nil {
		b.Fatal(err)
	}
}

// appBody is count application events of about 200 bytes, as cmd/loadgen
// sends them.
func appBody(_ *testing.B, first, count int) []byte {
	levels := []string{"info", "info", "info", "warn", "error"}
	services := []string{"checkout", "cart", "search", "auth", "payments", "catalog"}
	var buf bytes.Buffer
	for i := first; i < first+count; i++ {
		fmt.Fprintf(&buf, `{"message":"GET /api/v1/items/%d completed in %dms for user %d","log":{"level":"%s"},"service":{"name":"%s"},"http":{"response":{"status_code":%d}}}`+"\n",
			i, i%997, i%10007, levels[i%len(levels)], services[i%len(services)], 200+(i%7)*50)
	}
	return buf.Bytes()
}

// albBody is count ALB access-log events as the load-balancer parser makes
// them, raw line kept in event.original: about 1.5 KB of JSON each.
func albBody(b *testing.B, first, count int) []byte {
	p := elb.NewParser(elb.Options{})
	now := time.Now().UTC().Truncate(time.Hour)
	var out []byte
	for i := first; i < first+count; i++ {
		var err error
		if out, err = p.AppendJSON(out, []byte(albLine(now, i))); err != nil {
			b.Fatal(err)
		}
		out = append(out, '\n')
	}
	return out
}

// committed reads a counter from the process's registry.
func committed(b *testing.B, reg prometheus.Gatherer, name string) float64 {
	mfs, err := reg.Gather()
	if err != nil {
		b.Fatal(err)
	}
	var v float64
	for _, mf := range mfs {
		if mf.GetName() == name {
			for _, m := range mf.GetMetric() {
				v += m.GetCounter().GetValue()
			}
		}
	}
	return v
}

// cpuTime is the CPU time (user+system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
