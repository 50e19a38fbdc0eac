// Package alerter is the service of the alerter role (issue 5): it runs the
// rule and alarm evaluators on a schedule, hands the union of what they
// report as firing to alert.Runner, and watches itself.
//
// Two loops run side by side. The evaluation loop runs every evaluator each
// RunEvery and keeps the latest firing set; an evaluator that fails keeps its
// previous set, so a store outage never resolves alerts that are still
// firing. The tick loop calls Runner.Tick every TickEvery with that set, so
// lease renewal and escalation delays keep TickEvery resolution even when
// rules run once a minute and a slow evaluation never lets the lease lapse.
// Every alerter process evaluates (a hot standby has a current firing set
// the moment it takes over); only the lease holder sends.
//
// Watching the watcher: Check fails readiness when no evaluation cycle
// succeeded within StallAfter or ticks keep failing, a process whose
// evaluation stalled stops ticking and gives the lease up so a healthy
// standby takes over, and an optional dead-man's switch sends a heartbeat
// after healthy cycles to an outside service that pages when heartbeats
// stop (docs/ALERTING.md, "Watching the watcher").
//
// Policies builds the escalation policies of alert.Engine from the
// configured notifiers and policies, so that a rule or alarm may name
// notifiers wherever a policy is expected.
package alerter
