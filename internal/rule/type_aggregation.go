package rule

import (
	"sort"
	"time"
)

// aggregation is the state shared by metric_aggregation and
// percentage_match, ElastAlert2's aggregation-query rule types. Without
// bucket_interval each run is one calculation window: its events are
// collected by Add and evaluated at Tick (as ElastAlert2 does with
// use_run_every_query_size). With bucket_interval, events are collected in
// buckets aligned on multiples of bucket_interval since the Unix epoch (as
// with sync_bucket_interval), and a bucket holding events is evaluated
// once, at the first Tick at or after its end; an event arriving for a
// bucket older than the newest evaluated one is dropped. Aggregations read Kibana's keyword
// sub-fields ("host.keyword") from the field itself, as filters do.
type aggregation struct {
	r        *Rule
	qk       []string // query_key without Kibana's .keyword suffixes
	interval time.Duration
	run      []Event
	buckets  map[int64][]Event // by bucket start, in Unix nanoseconds
	done     int64             // end of the newest evaluated bucket
	// check evaluates one query_key group of a window whose time is ts.
	check func(k groupKey, group []Event, ts time.Time) (Match, bool)
}

func newAggregation(r *Rule, check func(groupKey, []Event, time.Time) (Match, bool)) *aggregation {
	qk := make([]string, len(r.QueryKey))
	for i, f := range r.QueryKey {
		qk[i] = fieldName(f)
	}
	return &aggregation{r: r, qk: qk, interval: r.BucketInterval, buckets: map[int64][]Event{}, check: check}
}

func (a *aggregation) Add(events []Event) []Match {
	if a.interval <= 0 {
		a.run = append(a.run, events...)
		return nil
	}
	for _, ev := range events {
		start := bucketStart(ev.Time, a.interval)
		if a.done != 0 && start < a.done {
			continue // its bucket was evaluated already
		}
		a.buckets[start] = append(a.buckets[start], ev)
	}
	return nil
}

// bucketStart aligns t on a multiple of interval since the Unix epoch.
func bucketStart(t time.Time, interval time.Duration) int64 {
	n, iv := t.UnixNano(), int64(interval)
	s := n - n%iv
	if n%iv < 0 {
		s -= iv
	}
	return s
}

func (a *aggregation) Tick(ts time.Time) []Match {
	if a.interval <= 0 {
		out := a.window(a.run, ts, true)
		a.run = nil
		return out
	}
	starts := make([]int64, 0, len(a.buckets))
	for s := range a.buckets {
		if end := s + int64(a.interval); end <= ts.UnixNano() {
			starts = append(starts, s)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	var out []Match
	for _, s := range starts {
		out = append(out, a.window(a.buckets[s], time.Unix(0, s).UTC(), false)...)
		delete(a.buckets, s)
		a.done = max(a.done, s+int64(a.interval))
	}
	return out
}

// window evaluates one calculation window per query_key value, as the
// terms aggregation ElastAlert2 nests under query_key does: events without
// the field are left out and a value needs min_doc_count events. Without
// query_key the whole window is one group, evaluated even when empty
// (a run without events has a sum and a count of 0) when empty is true.
func (a *aggregation) window(events []Event, ts time.Time, empty bool) []Match {
	if len(a.qk) == 0 {
		if len(events) == 0 && !empty {
			return nil
		}
		if m, ok := a.check(groupKey{}, events, ts); ok {
			return []Match{m}
		}
		return nil
	}
	var out []Match
	for _, g := range termGroups(events, a.qk, a.r.MinDocCount) {
		if m, ok := a.check(g.key, g.events, ts); ok {
			out = append(out, m)
		}
	}
	return out
}

// group is one query_key value's events of a calculation window.
type group struct {
	key    groupKey
	events []Event
}

// termGroups splits events as the terms aggregation ElastAlert2 nests
// under query_key does: events without the field are left out, and a
// value needs minDocCount events (at least one). Sorted by key.
func termGroups(events []Event, qk []string, minDocCount int) []group {
	byKey := map[groupKey][]Event{}
	for _, ev := range events {
		if k := keyOf(ev.Fields, qk); k.has {
			byKey[k] = append(byKey[k], ev)
		}
	}
	out := make([]group, 0, len(byKey))
	for _, k := range sortedKeys(byKey) {
		if len(byKey[k]) >= max(minDocCount, 1) {
			out = append(out, group{key: k, events: byKey[k]})
		}
	}
	return out
}

// aggMatch builds the match ElastAlert2 makes from an aggregation: a
// document with @timestamp, the group's query_key fields (named as in the
// rule, .keyword included) and values.
func (a *aggregation) aggMatch(k groupKey, group []Event, ts time.Time, values map[string]any) Match {
	return Match{Time: ts, Key: k.value, HasKey: k.has, Count: len(group), Event: aggDoc(a.r, a.qk, k, group, ts, values)}
}

// aggDoc is the document an aggregation result stands for: @timestamp
// ts, the group's query_key fields (named as in the rule, .keyword
// included; qk holds the names to read) and values.
func aggDoc(r *Rule, qk []string, k groupKey, group []Event, ts time.Time, values map[string]any) Event {
	fields := map[string]any{timestampField: ts.Format(time.RFC3339Nano)}
	if k.has && len(group) > 0 {
		for i, f := range r.QueryKey {
			if v, ok := Lookup(group[0].Fields, qk[i]); ok {
				fields[f] = v
			}
		}
	}
	for name, v := range values {
		fields[name] = v
	}
	return Event{Time: ts, Fields: fields}
}
