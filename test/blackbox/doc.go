// Package blackbox drives the built logstack binary over its real ports:
// HTTP and TCP ingest, search, SIGKILL and SIGTERM. It tests what a user
// sees, with no access to internals.
package blackbox
