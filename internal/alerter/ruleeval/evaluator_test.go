package ruleeval

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/rule"
	"github.com/logstack/logstack/internal/store"
)

const frequencyRule = `name: api errors
type: frequency
num_events: 3
timeframe: {minutes: 5}
realert: {minutes: 10}
query_key: host.name
include: [service.name]
alert: [ops]
filter:
- term: {log.level: error}
`

// A frequency rule with query_key opens one key; raw matches keep it
// firing while realert suppresses notifications; it resolves once no raw
// match came for resolve_after (max(timeframe, realert, run_every) = 10m).
func TestFrequencyKeyFiresWhileRawMatchesComeThenResolves(t *testing.T) {
	s := openStore(t)
	var policyArg []string
	e, _ := newEval(t, s, Options{ResolvePolicy: func(names []string) (string, error) {
		policyArg = names
		return "notifier:ops", nil
	}}, loadRule(t, frequencyRule))
	put(t, s, errorsAt(minutes(0).Add(-30*time.Second), "a", "a0", 3)...)
	put(t, s, errorsAt(minutes(0).Add(-30*time.Second), "b", "b0", 1)...)
	firing, err := e.Evaluate(context.Background(), minutes(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := keyStrings(firing); !slices.Equal(got, []string{"api errors/a"}) {
		t.Fatalf("minute 0: firing %v, want [api errors/a]", got)
	}
	m := firing[0]
	if m.Policy != "notifier:ops" || !slices.Equal(policyArg, []string{"ops"}) {
		t.Errorf("policy %q from %v, want notifier:ops from [ops]", m.Policy, policyArg)
	}
	if m.Subject != "logstack: a matched api errors" || m.Matches != 3 {
		t.Errorf("subject %q, matches %d", m.Subject, m.Matches)
	}
	want := map[string]string{"rule": "api errors", "host.name": "a", "service.name": "api"}
	if fmt.Sprint(m.Labels) != fmt.Sprint(want) {
		t.Errorf("labels %v, want %v", m.Labels, want)
	}
	for k := 1; k <= 4; k++ { // raw matches every minute, realert holds notifications back
		put(t, s, errorsAt(minutes(k).Add(-30*time.Second), "a", fmt.Sprintf("a%d", k), 3)...)
		if got := keys(t, e, minutes(k)); !slices.Equal(got, []string{"api errors/a"}) {
			t.Fatalf("minute %d: firing %v", k, got)
		}
	}
	for k := 5; k <= 14; k++ { // last raw match at minute 4: firing for 10 more minutes
		if got := keys(t, e, minutes(k)); !slices.Equal(got, []string{"api errors/a"}) {
			t.Fatalf("minute %d: firing %v, want it still firing", k, got)
		}
	}
	if got := keys(t, e, minutes(15)); len(got) != 0 {
		t.Fatalf("minute 15: firing %v, want resolved", got)
	}
}

// An any rule fires on one matching event and resolves after
// resolve_after (realert's 1m) without another.
func TestAnyFiresAndResolves(t *testing.T) {
	s := openStore(t)
	e, _ := newEval(t, s, Options{}, loadRule(t, "name: any errors\ntype: any\nfilter:\n- term: {log.level: error}\n"))
	put(t, s, ev{at: minutes(0).Add(-10 * time.Second), id: "info", svc: "api", host: "a", level: "info"})
	if got := keys(t, e, minutes(0)); len(got) != 0 {
		t.Fatalf("an info event fired %v", got)
	}
	put(t, s, ev{at: minutes(1).Add(-10 * time.Second), id: "err", svc: "api", host: "a", level: "error"})
	for _, c := range []struct {
		minute int
		want   []string
	}{{1, []string{"any errors"}}, {2, []string{"any errors"}}, {3, []string{}}} {
		if got := keys(t, e, minutes(c.minute)); !slices.Equal(got, c.want) {
			t.Fatalf("minute %d: firing %v, want %v", c.minute, got, c.want)
		}
	}
}

// A flatline rule fires once its timeframe passed without enough events
// and resolves resolve_after (its timeframe) after events came back.
func TestFlatlineFiresOnSilenceAndResolves(t *testing.T) {
	s := openStore(t)
	e, _ := newEval(t, s, Options{}, loadRule(t, "name: quiet api\ntype: flatline\nthreshold: 2\ntimeframe: {minutes: 5}\nfilter:\n- term: {service.name: api}\n"))
	for k := 0; k <= 4; k++ {
		if got := keys(t, e, minutes(k)); len(got) != 0 {
			t.Fatalf("minute %d: firing %v before the timeframe passed", k, got)
		}
	}
	if got := keys(t, e, minutes(6)); !slices.Equal(got, []string{"quiet api"}) {
		t.Fatalf("minute 6: firing %v, want [quiet api]", got)
	}
	for k := 7; k <= 12; k++ { // events are back from minute 6.5 on: no raw match after minute 6
		put(t, s, errorsAt(minutes(k).Add(-30*time.Second), "a", fmt.Sprintf("m%d", k), 3)...)
		got := keys(t, e, minutes(k))
		if want := k <= 11; (len(got) == 1) != want {
			t.Fatalf("minute %d: firing %v, want firing %v", k, got, want)
		}
	}
}

// Hits beyond MaxQuerySize are paged through, pages of one timestamp
// included, and every event reaches the rule exactly once; the per-run
// cap truncates and counts.
func TestPagingLosesNothing(t *testing.T) {
	s := openStore(t)
	var evs []ev
	for g, n := range []int{25, 25, 25, 20} {
		at := minutes(-4 + g)
		for i := range n {
			evs = append(evs, ev{at: at, id: fmt.Sprintf("g%d-%02d", g, i), svc: "api", host: "a", level: "error"})
		}
	}
	put(t, s, evs...)
	r := "name: all\ntype: any\nrealert: {minutes: 0}\nfilter:\n- term: {service.name: api}\n"
	e, _ := newEval(t, s, Options{MaxQuerySize: 10}, loadRule(t, r))
	keys(t, e, minutes(0))
	if got := metric(t, e, "matches", "all"); got != 95 {
		t.Errorf("matches %v, want 95 (every event once)", got)
	}
	if q := metric(t, e, "queries", "all"); q < 10 {
		t.Errorf("%v queries for 95 events in pages of 10", q)
	}
	if got := metric(t, e, "truncated", "all"); got != 0 {
		t.Errorf("truncated %v, want 0", got)
	}
	capped, _ := newEval(t, s, Options{MaxQuerySize: 10, MaxRunEvents: 30}, loadRule(t, r))
	keys(t, capped, minutes(0))
	if got := metric(t, capped, "truncated", "all"); got != 1 {
		t.Errorf("capped run: truncated %v, want 1", got)
	}
	if got := metric(t, capped, "matches", "all"); got >= 95 || got == 0 {
		t.Errorf("capped run: %v matches, want some but fewer than 95", got)
	}
}

// A late event inside the overlap is read once, by re-reading only the
// minute it landed in; events seen before are not fed again, and an
// unchanged overlap is only counted, not fetched.
func TestOverlapReadsLateEventsOnce(t *testing.T) {
	s := openStore(t)
	e, _ := newEval(t, s, Options{}, loadRule(t, "name: all\ntype: any\nrealert: {minutes: 0}\nfilter:\n- term: {service.name: api}\n"))
	put(t, s, errorsAt(minutes(-30), "a", "x", 2)...)
	keys(t, e, minutes(0))
	hits := metric(t, e, "hits", "all")
	put(t, s, errorsAt(minutes(-2), "a", "late", 1)...)
	keys(t, e, minutes(1))
	if got := metric(t, e, "matches", "all"); got != 3 {
		t.Fatalf("matches %v after the late event, want 3", got)
	}
	if got := metric(t, e, "hits", "all") - hits; got != 1 {
		t.Errorf("%v hits read for one late event, want 1 (only its minute)", got)
	}
	hits = metric(t, e, "hits", "all")
	keys(t, e, minutes(2))
	if got := metric(t, e, "hits", "all"); got != hits {
		t.Errorf("hits went from %v to %v: the unchanged overlap was fetched again", hits, got)
	}
	if got := metric(t, e, "matches", "all"); got != 3 {
		t.Errorf("matches %v, want still 3", got)
	}
}

// A rule whose queries fail keeps its keys firing and reports the error;
// the other rules run as usual, and the failed window is read next time.
func TestFailingRuleDoesNotAffectOthers(t *testing.T) {
	s := openStore(t)
	good := loadRule(t, "name: good\ntype: any\nrealert: {minutes: 0}\nfilter:\n- term: {log.level: error}\n")
	bad := loadRule(t, "name: bad\ntype: any\nrealert: {minutes: 0}\nfilter:\n- term: {host.name: b}\n")
	fs := &failingStore{Store: s, filter: fmt.Sprint(bad.Filter)}
	e, _ := newEval(t, fs, Options{RunEvery: time.Hour}, good, bad)
	put(t, s, errorsAt(minutes(-1), "b", "one", 1)...)
	if got := keys(t, e, minutes(0)); !slices.Equal(got, []string{"bad", "good"}) {
		t.Fatalf("minute 0: firing %v", got)
	}
	fs.fail.Store(true)
	put(t, s, errorsAt(minutes(0).Add(30*time.Second), "b", "two", 1)...)
	firing, err := e.Evaluate(context.Background(), minutes(1))
	if err == nil || !strings.Contains(err.Error(), `rule "bad"`) || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("error %v, want rule bad's failure", err)
	}
	if got := keyStrings(firing); !slices.Equal(got, []string{"bad", "good"}) {
		t.Fatalf("minute 1: firing %v, want both (bad keeps its key)", got)
	}
	if metric(t, e, "errors", "bad") != 1 || metric(t, e, "errors", "good") != 0 || metric(t, e, "matches", "good") != 2 {
		t.Errorf("errors bad %v good %v, good matches %v", metric(t, e, "errors", "bad"), metric(t, e, "errors", "good"), metric(t, e, "matches", "good"))
	}
	if got := metric(t, e, "last_ok", "bad"); got != float64(minutes(0).Unix()) {
		t.Errorf("bad's last success %v, want minute 0", got)
	}
	fs.fail.Store(false)
	keys(t, e, minutes(2))
	if got := metric(t, e, "matches", "bad"); got != 2 {
		t.Errorf("bad matches %v after recovering, want 2 (the missed window read)", got)
	}
}

// After a restart the first run reads max(buffer_time, timeframe) of
// history, so a window that filled before the restart fires at once.
func TestRestartWarmsUpWindows(t *testing.T) {
	s := openStore(t)
	r := "name: slow burn\ntype: frequency\nnum_events: 5\ntimeframe: {hours: 1}\nquery_key: host.name\nfilter:\n- term: {log.level: error}\n"
	put(t, s, errorsAt(minutes(-50), "a", "old", 3)...)
	put(t, s, errorsAt(minutes(-5), "a", "new", 2)...)
	for i, now := range []time.Time{minutes(0), minutes(1)} { // a process, then its restart
		e, _ := newEval(t, s, Options{BufferTime: 10 * time.Minute}, loadRule(t, r))
		if got := keys(t, e, now); !slices.Equal(got, []string{"slow burn/a"}) {
			t.Fatalf("process %d: first run firing %v, want [slow burn/a]", i, got)
		}
	}
}

// New refuses at start-up what could only fail later.
func TestNewRejectsBadRules(t *testing.T) {
	s := openStore(t)
	r := loadRule(t, "name: x\ntype: any\nalert: [nope]\n")
	_, err := New(s, []*rule.Rule{r, r}, Options{ResolvePolicy: func([]string) (string, error) { return "", errors.New("unknown notifier nope") }}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "unknown notifier nope") || !strings.Contains(err.Error(), "name used by two rules") {
		t.Fatalf("error %v, want both problems", err)
	}
}

// failingStore fails the queries of one filter while fail is set.
type failingStore struct {
	Store
	filter string
	fail   atomic.Bool
}

func (f *failingStore) check(q any) error {
	if f.fail.Load() && fmt.Sprint(q) == f.filter {
		return errors.New("disk on fire")
	}
	return nil
}

func (f *failingStore) Search(ctx context.Context, req store.SearchRequest) (store.SearchResult, error) {
	if err := f.check(req.Query); err != nil {
		return store.SearchResult{}, err
	}
	return f.Store.Search(ctx, req)
}

func (f *failingStore) Aggregate(ctx context.Context, req store.AggregateRequest) (store.AggregateResult, error) {
	if err := f.check(req.Query); err != nil {
		return store.AggregateResult{}, err
	}
	return f.Store.Aggregate(ctx, req)
}
