package logfile

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/event"
)

// lineCollector is a LineSink remembering every line by event id.
type lineCollector struct {
	collector
	mu    sync.Mutex
	lines map[string]string
}

func (c *lineCollector) DeliverLines(_ context.Context, data []byte, ids []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lines == nil {
		c.lines = map[string]string{}
	}
	for i, l := range bytes.SplitAfter(data, []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		if i >= len(ids) || !bytes.HasSuffix(l, []byte("\n")) {
			panic("line without id or newline")
		}
		c.lines[ids[i]] = string(l)
	}
	return nil
}

// caseLines returns the load balancer lines of internal/elb's test cases,
// good, malformed and control lines alike.
func caseLines(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../elb/testdata/cases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c struct{ Line string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c.Line)
	}
	return append(out, "not a log line", "")
}

// TestLinePathMatchesEventPath: a LineSink gets, for every line, exactly
// the JSON line the event path's normalized event encodes to: same fields
// from the object's key and location, same ids, same failures.
func TestLinePathMatchesEventPath(t *testing.T) {
	body := strings.Join(caseLines(t), "\n") + "\n"
	for _, obj := range []Object{{Bucket: "logs", Key: albKey, ETag: "e1"}, {Key: "/var/log/alb/access.log"}} {
		var events collector
		var lines lineCollector
		for _, sink := range []Sink{&events, &lines} {
			p := NewProcessor(Config{}, sink, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
			if _, err := p.Process(context.Background(), obj, strings.NewReader(body)); err != nil {
				t.Fatal(err)
			}
		}
		if len(events.events) < 40 || len(lines.lines) != len(events.events) || len(lines.events) != 0 {
			t.Fatalf("%v: %d events, %d lines (%d events through Deliver)", obj, len(events.events), len(lines.lines), len(lines.events))
		}
		for _, e := range events.events {
			event.Normalize(e, time.Now())
			want, err := event.AppendJSON(nil, e)
			if err != nil {
				t.Fatal(err)
			}
			got := lines.lines[e.ID()]
			if _, failed := e.Get("error.message"); failed { // stamped with the receive time
				got, want = afterTimestamp(got), []byte(afterTimestamp(string(want)))
			}
			if got != string(want)+"\n" {
				t.Errorf("%v: line path\n%s\nevent path\n%s", obj, got, want)
			}
		}
		if ids := slices.Sorted(func(yield func(string) bool) {
			for id := range lines.lines {
				if !yield(id) {
					return
				}
			}
		}); !slices.Equal(ids, events.ids()) {
			t.Errorf("%v: ids differ", obj)
		}
	}
}

// afterTimestamp drops a JSON line's leading @timestamp member.
func afterTimestamp(line string) string {
	if !strings.HasPrefix(line, `{"@timestamp":`) {
		return line
	}
	_, rest, _ := strings.Cut(line, ",")
	return rest
}
