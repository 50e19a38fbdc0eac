// Command loadgen drives a running logstack with synthetic ~200-byte events
// over HTTP NDJSON or TCP json_lines and reports acknowledged events per
// second, so the numbers in docs/BENCHMARKS.md can be reproduced. It only
// targets the address it is given (use loopback).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	mode := flag.String("mode", "http", "http (NDJSON to /ingest) or tcp (json_lines)")
	addr := flag.String("addr", "127.0.0.1:9280", "logstack HTTP or TCP address")
	conns := flag.Int("c", 8, "concurrent connections")
	batch := flag.Int("batch", 1000, "events per HTTP request or per TCP connection write")
	dur := flag.Duration("d", 20*time.Second, "how long to send")
	total := flag.Int64("n", 0, "stop after this many events (0: run for -d)")
	pid := flag.Int("pid", 0, "logstack's pid, to report its peak memory (VmHWM)")
	drain := flag.String("drain", "", "after sending, wait until this logstack HTTP address reports every sent event searchable, and report the end-to-end rate")
	base := flag.Int64("base", 0, "events already in the store before this run (for -drain)")
	flag.Parse()

	var sent, failed atomic.Int64
	deadline := time.Now().Add(*dur)
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < *conns; c++ {
		wg.Go(func() {
			w := worker{id: c, batch: *batch, addr: *addr}
			for time.Now().Before(deadline) && (*total == 0 || sent.Load() < *total) {
				var err error
				if *mode == "tcp" {
					err = w.sendTCP()
				} else {
					err = w.sendHTTP()
				}
				if err != nil {
					failed.Add(1)
					time.Sleep(10 * time.Millisecond)
					continue
				}
				sent.Add(int64(*batch))
			}
			w.close()
		})
	}
	wg.Wait()
	el := time.Since(start)
	fmt.Printf("mode=%s conns=%d batch=%d events=%d failed_requests=%d elapsed=%s rate=%.0f events/s\n",
		*mode, *conns, *batch, sent.Load(), failed.Load(), el.Round(time.Millisecond), float64(sent.Load())/el.Seconds())
	if *drain != "" {
		want := sent.Load() + *base
		for searchable(*drain) < want {
			time.Sleep(100 * time.Millisecond)
		}
		el := time.Since(start)
		fmt.Printf("end-to-end: %d events searchable after %s: %.0f events/s\n", sent.Load(), el.Round(time.Millisecond), float64(sent.Load())/el.Seconds())
	}
	if *pid > 0 {
		fmt.Printf("server peak memory (VmHWM): %s\n", peakMemory(*pid))
	}
}

var levels = []string{"info", "info", "info", "warn", "error"}
var services = []string{"checkout", "cart", "search", "auth", "payments", "catalog"}

// worker owns one connection's buffers so that generating events stays off
// the measured path as far as possible.
type worker struct {
	id    int
	batch int
	addr  string
	seq   int
	buf   bytes.Buffer
	conn  net.Conn
}

// fill returns the worker's request body, generated once and then reused
// so that the load generator, which shares the machine, spends its CPU on
// sending rather than formatting (logstack gives every event its own id,
// so repeated bodies are still distinct events).
func (w *worker) fill() []byte {
	if w.buf.Len() > 0 {
		return w.buf.Bytes()
	}
	for i := 0; i < w.batch; i++ {
		w.seq++
		fmt.Fprintf(&w.buf, `{"message":"GET /api/v1/items/%d completed in %dms for user %d","log":{"level":"%s"},"service":{"name":"%s"},"http":{"response":{"status_code":%d}},"worker":%d}`+"\n",
			w.seq, w.seq%997, w.seq%10007, levels[w.seq%len(levels)], services[w.seq%len(services)], 200+(w.seq%7)*50, w.id)
	}
	return w.buf.Bytes()
}

var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 60 * time.Second}

func (w *worker) sendHTTP() error {
	resp, err := client.Post("http://"+w.addr+"/ingest", "application/x-ndjson", bytes.NewReader(w.fill()))
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

// sendTCP writes a batch on a long-lived connection. json_lines has no
// acknowledgement, so the rate counts written lines; the final close does a
// half-close and waits for the server to close, which confirms durability.
func (w *worker) sendTCP() error {
	if w.conn == nil {
		c, err := net.Dial("tcp", w.addr)
		if err != nil {
			return err
		}
		w.conn = c
	}
	_, err := w.conn.Write(w.fill())
	if err != nil {
		w.conn.Close()
		w.conn = nil
	}
	return err
}

func (w *worker) close() {
	if w.conn == nil {
		return
	}
	_ = w.conn.(*net.TCPConn).CloseWrite()
	_, _ = io.Copy(io.Discard, w.conn)
	w.conn.Close()
}

func peakMemory(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return err.Error()
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "unknown"
}

// searchClient polls on fresh connections with a short timeout, so that
// one stuck poll cannot hold the drain measurement for the sending
// client's 60 s timeout.
var searchClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}

// searchable asks logstack how many events it can find.
func searchable(addr string) int64 {
	resp, err := searchClient.Get("http://" + addr + "/api/v1/search?limit=0")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var res struct {
		Total int64 `json:"total"`
	}
	if json.NewDecoder(resp.Body).Decode(&res) != nil {
		return -1
	}
	return res.Total
}
