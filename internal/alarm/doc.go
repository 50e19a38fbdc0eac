// Package alarm holds logstack's metric alarms: CloudWatch-style threshold
// alarms over a per-period metric, with CloudWatch's states (OK, ALARM,
// INSUFFICIENT_DATA), "M out of N" datapoints to alarm, and its documented
// treatment of missing data (issue 5, scope point 2).
//
// The package is pure and clock-free on purpose: the evaluator gets the
// datapoints of the evaluation range and the current state, and returns the
// next state with a CloudWatch-like reason. The caller owns time, the store
// queries and notification. That is what lets the CloudWatch user guide's
// missing-data tables be reproduced exactly as table tests, and lets
// `logstack alarms test` replay a series offline with the same code the
// alerter will run.
//
// Alarm files are YAML, one alarm per file, with keys mirroring CloudWatch's
// alarm properties (docs/ALERTING.md lists them). Decoding is strict: an
// unknown key or a bad value is reported as file:line:col, and validation
// reports every problem at once.
package alarm
