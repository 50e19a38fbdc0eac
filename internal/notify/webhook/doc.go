// Package webhook posts a notification as a generic JSON document to any URL,
// for receivers logstack has no dedicated notifier for. An optional HMAC-SHA256
// signature lets the receiver check that the request came from logstack.
package webhook
