// Package ruleeval runs loaded ElastAlert2 rules live against the event
// store for the alerter (issue 5). Every alerting.run_every the alerter
// calls Evaluator.Evaluate, which runs each rule once: it queries the
// events its filter matches in (previous end - buffer_time, now -
// query_delay], feeds the ones not seen before (by event.id) to the rule's
// rule.Engine and rule.Aggregator, and reports the alert keys currently
// firing as []alert.Match for alert.Runner.Tick.
//
// A notification that passes realert and aggregation opens (or refreshes)
// the episode of its (rule, query_key); the episode stays firing while the
// rule type's raw matches for that key keep coming, whatever realert
// suppresses, and resolves once none came for the rule's resolve_after.
// Repeats are the escalation policy's business, not realert's.
//
// Nothing is persisted: after a restart the first run reads
// max(buffer_time, timeframe) of history so that windows are warm, and the
// alert state store keeps already notified episodes from notifying again.
//
// The overlap re-read that ElastAlert2 does on every run (buffer_time, to
// catch events that arrive late) is first checked with a count: when the
// store holds exactly as many matching events in the overlap as the rule
// has already seen there, no late event came and the overlap is not
// fetched again. Stores only add events (retention drops whole days far
// behind any buffer), so equal counts mean equal sets.
package ruleeval
