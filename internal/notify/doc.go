// Package notify defines how the alerter hands an alert to the outside world
// (issue 5, scope point 4): one small Notifier interface, the Notification it
// carries, error classification (retryable or permanent, decided where the
// error is produced), a retry wrapper with exponential backoff and jitter whose
// outcomes are Prometheus metrics, and a shared text/template helper.
//
// Each service lives in its own subpackage (webhook, slack, teams, email, sms,
// pagerduty, opsgenie) so that a notifier's request format and its tests stay
// together and the alerter imports only this package's interface. Secrets
// (tokens, webhook URLs, passwords) arrive as already-resolved strings from the
// config package and never appear in errors: every subpackage runs the
// notifytest leak check.
package notify
