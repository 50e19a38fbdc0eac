// Package indexer moves events from the queue into the store. It is the only
// place that acknowledges queue messages, and it does so only after the store
// has committed them: a crash between commit and acknowledgement replays the
// messages, and the store's deduplication by event.id turns that
// at-least-once delivery into exactly-once storage.
package indexer
