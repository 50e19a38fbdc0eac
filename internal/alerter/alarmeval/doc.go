// Package alarmeval runs metric alarms (internal/alarm) live for the
// alerter (issue 5, docs/ALERTING.md "Running alarms").
//
// Each alarm is evaluated once per period end, a settle delay
// (alerting.alarm_delay) after it so that late-arriving events are counted,
// like CloudWatch's evaluation delay. A query alarm reads its datapoints
// with one store.MetricStore call per evaluation covering the evaluation
// range; an internal alarm samples a logstack metric from a
// prometheus.Gatherer at every Evaluate call and keeps the samples of the
// evaluation range in memory, so its history starts at process start and is
// per process.
//
// The Evaluator does not notify. Evaluate returns the set of alert keys
// currently firing (an alarm in ALARM, and one in INSUFFICIENT_DATA that has
// insufficient_data_actions), which the alert engine turns into episodes,
// escalation and resolved notices; that keeps alarms and rules on one
// notification path with one deduplication.
//
// Every alerter process evaluates (hot standby), but only the active one
// persists: each alarm's state and last evaluated period end are stored in
// the JetStream KV bucket <prefix>_alarms with revision checks, and a
// process that becomes active reloads them first. A restart or a failover
// therefore neither forgets an ALARM nor re-runs its actions.
package alarmeval
