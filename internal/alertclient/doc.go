// Package alertclient is the client of a running logstack's alerts API
// (/api/v1/alerts and /api/v1/silences), for `logstack alerts`: the CLI
// acknowledges and silences through the server rather than writing the
// alert store itself, so the server's validation, authentication and
// defaults (ack time, silence ID and start) apply to every caller alike.
package alertclient
