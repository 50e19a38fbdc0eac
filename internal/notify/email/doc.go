// Package email sends notifications over SMTP with net/smtp: STARTTLS (required
// by default, so a password never crosses the network in clear) or implicit
// TLS, PLAIN or LOGIN authentication, and a multipart/alternative message with
// a plain-text and an HTML part. SMTP reply codes classify failures: 4xx and
// network errors are retryable, 5xx and certificate errors permanent.
package email
