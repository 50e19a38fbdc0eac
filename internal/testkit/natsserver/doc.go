// Package natsserver starts a real nats-server process with JetStream for
// tests, so that the multi-process scale-out tests (issue 4) run brokers
// and indexers against the server a deployment runs, not the embedded one.
//
// The binary is $LOGSTACK_NATS_SERVER, else nats-server on PATH, else
// Debian's /usr/sbin/nats-server (installed by .ci/run). Without it a test
// fails when CI is set and is skipped (naming the variable) otherwise.
package natsserver
