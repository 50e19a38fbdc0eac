// Package event defines logstack's unit of data, the event, and the
// conventions every input, queue payload and store agree on: an event is a
// JSON object with nested fields, an @timestamp, a message and a stable
// event.id that makes retries and replays idempotent downstream.
package event
