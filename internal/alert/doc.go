// Package alert is the alert lifecycle and escalation engine of issue 5
// (scope points 3 and 5): it turns the set of currently firing matches from
// rules and alarms into alerts with a state (firing, acknowledged,
// resolved), decides which notifications are due under an escalation policy,
// applies acknowledgements and silences, and remembers what was delivered so
// that a restart or a failover neither re-sends a delivered level nor skips
// an undelivered one.
//
// The engine is pure and clock-injected: Engine.Step takes the current time,
// the firing matches, the acks and the silences plus the previous Snapshot,
// and returns the next Snapshot and the notifications to send. Like
// Alertmanager's notify pipeline it is a chain of small stages (ingest,
// resolve, acknowledge, escalate, silence, dedup), each testable alone.
// Sending happens outside, through notify.Retrier; Record writes the outcome
// back into the alert's notification log.
//
// Runner glues the engine to a Store (NATS JetStream key-value buckets with
// revision checks, see KVStore) and a Lease, so that of several alerter
// processes exactly one is active and the others take over within the
// lease's TTL when it stops renewing.
package alert
