package rule

import "time"

// RunLive is Run for the live alerter, which needs more than what would
// alert: it also returns every match the rule type made before realert
// (raw), because an open alert episode stays firing while raw matches for
// its key keep coming, even when realert suppresses their notifications
// (docs/ALERTING.md, "Running rules"). alerts is what Run returns.
func (e *Engine) RunLive(events []Event, end time.Time) (raw, alerts []Match) {
	raw = e.typ.Add(events)
	raw = append(raw, e.typ.Tick(end)...)
	for _, m := range raw {
		if e.realert.Allow(SilenceKey(e.rule.Name, m), end) {
			alerts = append(alerts, m)
		}
	}
	return raw, alerts
}

// Type returns the engine's rule type state, so that the live alerter can
// seed types that need history (a type assertion on an optional
// interface) before the first run.
func (e *Engine) Type() Type { return e.typ }
