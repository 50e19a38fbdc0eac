package lint

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/api"
	"github.com/logstack/logstack/internal/query"
	"github.com/logstack/logstack/internal/store"
)

var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// canonical renders q as the fake keys it.
func canonical(t *testing.T, q string) string {
	t.Helper()
	n, err := query.Parse(q)
	if err != nil {
		t.Fatal(err)
	}
	return query.String(n)
}

// loaded lints texts named by their keys.
func loaded(texts map[string]string) *Loaded {
	l := &Loaded{}
	for name, text := range texts {
		l.add(name, []byte(text))
	}
	return l
}

const anyRule = "name: r\ntype: any\nindex: logs\nfilter:\n- term: {service: checkout}\nalert: [email]\n"

func TestRuleSilent(t *testing.T) {
	q := `service:"checkout"`
	cases := []struct {
		name   string
		text   string
		events []time.Time
		sev    Severity
	}{
		{"matched nothing", anyRule, nil, SeverityWarning},
		{"matched only before the window", anyRule, []time.Time{now.Add(-25 * time.Hour)}, SeverityWarning},
		{"matched", anyRule, []time.Time{now.Add(-time.Hour)}, ""},
		{"flatline is skipped", "name: r\ntype: flatline\nindex: logs\nthreshold: 1\ntimeframe: {minutes: 5}\nfilter:\n- term: {service: checkout}\nalert: [email]\n", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := loaded(map[string]string{"r.yaml": c.text})
			if len(l.rules) != 1 {
				t.Fatalf("rule did not load: %v", l.Findings)
			}
			fs := &fakeStore{events: map[string][]time.Time{canonical(t, q): c.events}}
			got, err := History(context.Background(), StoreCounter{Store: fs}, l, now)
			if err != nil {
				t.Fatal(err)
			}
			want(t, got, "rule-silent", c.sev, 4, "matched no event")
		})
	}
}

func TestThresholdHistory(t *testing.T) {
	q := "status:500"
	cases := []struct {
		name   string
		over   map[string]string
		events []time.Time
		sev    Severity
		substr string
	}{
		{"never crossed", nil, every(now, time.Minute, 30, 50), SeverityWarning, "highest: 50"},
		{"no events at all", nil, nil, SeverityWarning, "highest: 0"},
		{"crossed sometimes", nil, append(every(now, time.Minute, 30, 50), every(now, time.Minute, 1, 60)...), "", ""},
		{"crossed in every period", map[string]string{"threshold": "0"}, every(now, time.Minute, 1440, 1), SeverityWarning, "never have been OK"},
		{"less-than alarms are skipped", map[string]string{"comparison": "LessThanThreshold", "treat_missing_data": "breaching"}, nil, "", ""},
		{"field metrics are skipped", map[string]string{"metric": "\n  query: 'status:500'\n  field: bytes\n  statistic: sum"}, nil, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := loaded(map[string]string{"a.yaml": alarmYAML(c.over)})
			if len(l.alarms) != 1 {
				t.Fatalf("alarm did not load: %v", l.Findings)
			}
			fs := &fakeStore{events: map[string][]time.Time{canonical(t, q): c.events}}
			got, err := History(context.Background(), StoreCounter{Store: fs}, l, now)
			if err != nil {
				t.Fatal(err)
			}
			want(t, got, "threshold-history", c.sev, 8, c.substr)
		})
	}
}

func TestHistoryStoreError(t *testing.T) {
	boom := errors.New("store down")
	l := loaded(map[string]string{"r.yaml": anyRule})
	_, err := History(context.Background(), StoreCounter{Store: &fakeStore{err: boom}}, l, now)
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the store's error wrapped", err)
	}
}

// TestHTTPAggregator runs the history checks through the real API handler
// over the fake store, so the query, time and interval parameters are the
// ones the server parses.
func TestHTTPAggregator(t *testing.T) {
	fs := &fakeStore{events: map[string][]time.Time{
		canonical(t, `service:"checkout"`): {now.Add(-time.Hour)},
		canonical(t, "status:500"):         every(now, time.Minute, 10, 5),
	}}
	mux := http.NewServeMux()
	api.New(fs, slog.New(slog.NewTextHandler(io.Discard, nil))).Register(mux, nil)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	l := loaded(map[string]string{"r.yaml": anyRule, "a.yaml": alarmYAML(nil)})
	got, err := History(context.Background(), StoreCounter{Store: HTTPAggregator{BaseURL: srv.URL}}, l, now)
	if err != nil {
		t.Fatal(err)
	}
	want(t, got, "rule-silent", "", 0, "")
	want(t, got, "threshold-history", SeverityWarning, 8, "highest: 5 ")
	if fs.calls != 2 {
		t.Fatalf("store calls %d, want 2", fs.calls)
	}
}

func TestHTTPAggregatorBadRequestIsPermanent(t *testing.T) {
	mux := http.NewServeMux()
	api.New(&fakeStore{}, slog.New(slog.NewTextHandler(io.Discard, nil))).Register(mux, nil)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	_, err := StoreCounter{Store: HTTPAggregator{BaseURL: srv.URL}}.CountPer(context.Background(), query.MatchAll{}, now.Add(-HistoryWindow), now, time.Millisecond)
	if err == nil || !errors.Is(err, store.ErrPermanent) {
		t.Fatalf("got %v, want a permanent error", err)
	}
}

func TestFrequencyHistory(t *testing.T) {
	const freq = "name: r\ntype: frequency\nindex: logs\nnum_events: 10\ntimeframe: {minutes: 5}\nfilter:\n- term: {service: checkout}\nalert: [email]\n"
	q := `service:"checkout"`
	five := 5 * time.Minute
	cases := []struct {
		name   string
		events []time.Time
		sev    Severity
	}{
		{"never near num_events", every(now, five, 100, 2), SeverityWarning},
		{"two adjacent timeframes may hold a window of 10", every(now, five, 2, 5), ""},
		{"one timeframe reached it", every(now, five, 1, 10), ""},
		{"matched nothing is reported as silent only", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := loaded(map[string]string{"r.yaml": freq})
			if len(l.rules) != 1 {
				t.Fatalf("rule did not load: %v", l.Findings)
			}
			fs := &fakeStore{events: map[string][]time.Time{canonical(t, q): c.events}}
			got, err := History(context.Background(), StoreCounter{Store: fs}, l, now)
			if err != nil {
				t.Fatal(err)
			}
			want(t, got, "frequency-history", c.sev, 4, "at most 4 events")
		})
	}
}

func TestTwoLargest(t *testing.T) {
	for _, c := range []struct {
		in   []int64
		want int64
	}{{nil, 0}, {[]int64{3}, 3}, {[]int64{1, 7, 2, 5}, 12}} {
		if got := twoLargest(c.in); got != c.want {
			t.Fatalf("twoLargest(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}
