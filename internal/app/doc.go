// Package app wires logstack's components into a running process and owns
// their lifecycle: sinks start before sources (store, queue, indexer, then
// inputs) and stop after them, so nothing is accepted that cannot be kept.
// Tests start the whole stack in process on port 0 through New and Start.
package app
