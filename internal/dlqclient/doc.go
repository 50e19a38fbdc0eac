// Package dlqclient is the client of a running logstack's dead-letter API
// (/api/v1/dlq), for `logstack dlq`: the CLI cannot open the queue itself
// because `serve` holds the embedded queue's data directory, and talking
// to the server works the same against a remote or external-queue setup.
package dlqclient
