// Package queue is logstack's durable buffer between the inputs and the
// indexer: a NATS JetStream stream that accepts opaque payloads (NDJSON
// batches) only once they are stored, hands them to a durable pull consumer,
// and forgets them only when the indexer acknowledges them, so that a crash
// or a slow store never loses or silently drops accepted data.
//
// By default the package runs nats-server in-process with file storage under
// Config.Dir; with Config.URL it connects to an external JetStream cluster and
// then follows the same code path. When the stream is full new publishes are
// rejected (ErrFull) and old data is kept, which the inputs turn into
// backpressure.
package queue
