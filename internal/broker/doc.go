// Package broker is the seam between inputs and the queue: it normalizes
// accepted events, packs them into queue messages and returns only when the
// queue has made them durable. Keeping this in one place means every input
// (HTTP, bulk, TCP, S3, ...) gets the same ids, timestamps and backpressure.
package broker
