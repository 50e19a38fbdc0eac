// Package app wires logstack's components into a running process and owns
// their lifecycle: sinks start before sources (store, queue, indexer, then
// inputs) and stop after them, so nothing is accepted that cannot be kept.
// The configured role decides which components start (roles.go): a broker
// runs inputs and publishes to the queue without a store, an indexer
// consumes the queue into the store without inputs (issue 4,
// docs/SCALE-OUT.md). Tests start the whole stack in process on port 0
// through New and Start.
package app
