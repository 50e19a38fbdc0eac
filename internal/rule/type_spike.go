package rule

import "time"

// spike compares two adjacent sliding windows per query_key value: the
// current one (the last timeframe) and the reference one (the timeframe
// before it; events leave the current window into it). It fires when the
// current value is at least spike_height times the reference (up) or at
// most reference/spike_height (down). The value is the event count, both
// counts meeting threshold_cur and threshold_ref; with field_value the
// mean of that field over each window's events (thresholds do not apply,
// and a zero mean never spikes), as in ElastAlert2. Nothing fires until
// the rule has seen two timeframes of data (and, for a new query_key
// value, until its own two timeframes unless alert_on_new_data). After a
// match the reference window is emptied and the key is quiet for two
// timeframes. spike_aggregation feeds the same windows with one metric
// per run (spikeAgg).
type spike struct {
	r             *Rule
	field         string // field_value, without Kibana's .keyword suffix
	ref, cur      map[groupKey]*window
	first         map[groupKey]time.Time
	skip          map[groupKey]time.Time
	refFilledOnce bool
	out           []Match
}

func newSpike(r *Rule) *spike {
	s := &spike{r: r, ref: map[groupKey]*window{}, cur: map[groupKey]*window{},
		first: map[groupKey]time.Time{}, skip: map[groupKey]time.Time{}}
	if r.FieldValue != "" {
		s.field = fieldName(r.FieldValue)
	}
	return s
}

func (s *spike) Add(events []Event) []Match {
	s.out = nil
	for _, ev := range events {
		count := 1.0
		if s.field != "" {
			v, _ := Lookup(ev.Fields, s.field)
			n, ok := number(v)
			if !ok {
				continue // ElastAlert2 skips events without a numeric value
			}
			count = n
		}
		// The "all" key without query_key; ElastAlert2 groups events that
		// lack the field under "other".
		s.handle(windowItem{ev: ev, count: count}, keyOf(ev.Fields, s.r.QueryKey))
	}
	return s.out
}

// Tick adds a placeholder at ts to every key, so windows move on without
// events, and forgets keys with no events left.
func (s *spike) Tick(ts time.Time) []Match {
	s.out = nil
	s.tick(ts)
	return s.out
}

func (s *spike) tick(ts time.Time) {
	for _, k := range sortedKeys(s.cur) {
		if len(s.r.QueryKey) > 0 && s.ref[k].count == 0 && s.cur[k].count == 0 {
			delete(s.cur, k)
			delete(s.ref, k)
			continue
		}
		s.handle(windowItem{ev: Event{Time: ts}, placeholder: true}, k)
	}
}

// handle is ElastAlert2's SpikeRule.handle_event.
func (s *spike) handle(it windowItem, k groupKey) {
	tf := s.r.Timeframe
	if _, ok := s.first[k]; !ok {
		s.first[k] = it.ev.Time
	}
	ref := s.ref[k]
	if ref == nil {
		ref = &window{timeframe: tf}
		s.ref[k] = ref
		s.cur[k] = &window{timeframe: tf, onRemoved: func(it windowItem) { ref.insert(it) }}
	}
	cur := s.cur[k]
	cur.insert(it)
	if it.ev.Time.Sub(s.first[k]) < 2*tf {
		if !s.refFilledOnce || len(s.r.QueryKey) == 0 || !s.r.AlertOnNewData {
			return
		}
		if until, ok := s.skip[k]; ok && it.ev.Time.Before(until) {
			return
		}
	} else {
		s.refFilledOnce = true
	}
	refV, refOK := s.value(ref)
	curV, curOK := s.value(cur)
	if !s.spiked(refV, refOK, curV, curOK) {
		return
	}
	match := cur.items[len(cur.items)-1]
	for _, it := range cur.items {
		if !it.placeholder && (it.count != 0 || s.field != "") {
			match = it
			break
		}
	}
	ev := match.ev
	ev.Fields = withFields(ev.Fields, s.extras(refV, curV))
	s.out = append(s.out, Match{Time: ev.Time, Key: k.value, HasKey: k.has, Count: s.count(cur), Event: ev})
	ref.clear()
	delete(s.first, k)
	s.skip[k] = ev.Time.Add(2 * tf)
}

// count is what a match reports as its number of matches: the events of
// the current window, or with field_value and spike_aggregation its
// datapoints (events with a value, runs with a metric).
func (s *spike) count(cur *window) int {
	if s.field == "" && s.r.Type == TypeSpike {
		return int(cur.count)
	}
	return cur.n
}

// extras are the values ElastAlert2 adds to a spike match; event counts
// stay integers, as there.
func (s *spike) extras(ref, cur float64) map[string]any {
	if s.field == "" && s.r.Type == TypeSpike {
		return map[string]any{"spike_count": int(cur), "reference_count": int(ref)}
	}
	return map[string]any{"spike_count": cur, "reference_count": ref}
}

// value is a window's value: the event count, the mean of field_value,
// or for spike_aggregation the runs' metrics combined by metric_agg_type
// (avg: their mean, min and max: theirs, other types: their sum). ok is
// false when a mean, min or max has no value to work on.
func (s *spike) value(w *window) (float64, bool) {
	kind := s.r.MetricAggType
	if s.field != "" {
		kind = "avg"
	}
	switch kind {
	case "avg":
		return w.mean()
	case "min", "max":
		return w.extreme(kind == "max")
	}
	return w.count, true
}

// spiked is ElastAlert2's find_matches: counts must meet the thresholds;
// means (field_value) and missing values never spike from or to zero.
func (s *spike) spiked(ref float64, refOK bool, cur float64, curOK bool) bool {
	switch {
	case s.field == "" && refOK && curOK:
		if cur < float64(s.r.ThresholdCur) || ref < float64(s.r.ThresholdRef) {
			return false
		}
	case !refOK || !curOK || ref == 0 || cur == 0:
		return false
	}
	h := s.r.SpikeHeight
	down := cur <= ref/h
	up := cur >= ref*h
	switch s.r.SpikeType {
	case "up":
		return up
	case "down":
		return down
	}
	return up || down
}

// withFields copies fields and sets extra on the copy, so a match's
// extras never leak into the stored event.
func withFields(fields, extra map[string]any) map[string]any {
	out := make(map[string]any, len(fields)+len(extra))
	for k, v := range fields {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
