package rule

import "time"

// Engine evaluates one rule in simulated time: its type's state followed
// by realert. It is what the alerter runs per rule and what
// `logstack rules test` replays. Aggregation follows it (Aggregator), as
// ElastAlert2 checks realert before batching.
type Engine struct {
	rule    *Rule
	typ     Type
	realert *Realert
}

// NewEngine builds the evaluation state of r.
func NewEngine(r *Rule) (*Engine, error) {
	t, err := NewType(r)
	if err != nil {
		return nil, err
	}
	return &Engine{rule: r, typ: t, realert: NewRealert(r)}, nil
}

// Run feeds the events of one run that ended at end (sorted by time) and
// returns the matches that would alert, realert applied with end as now.
func (e *Engine) Run(events []Event, end time.Time) []Match {
	matches := e.typ.Add(events)
	matches = append(matches, e.typ.Tick(end)...)
	var out []Match
	for _, m := range matches {
		if e.realert.Allow(SilenceKey(e.rule.Name, m), end) {
			out = append(out, m)
		}
	}
	return out
}

var _ Historian = (*Engine)(nil)

// History is how far back before its first run the rule type wants
// events (new_term's terms_window_size); zero when it needs none.
func (e *Engine) History() time.Duration {
	if h, ok := e.typ.(Historian); ok {
		return h.History()
	}
	return 0
}

// Seed hands past events (matching the rule's filter, sorted by time) to
// a rule type that learns from history; other types ignore them.
func (e *Engine) Seed(events []Event) {
	if h, ok := e.typ.(Historian); ok {
		h.Seed(events)
	}
}
