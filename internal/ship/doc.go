// Package ship delivers events to a remote logstack (or any broker speaking
// its protocols) when the caller is not inside `logstack serve`: the
// standalone `logstack ingest` and the AWS Lambda function.
//
// Both senders implement logfile.Sink and return nil only when the receiver
// has said that every event is durable, the rule the reference ELB Logs
// Processor broke (it wrote to TCP sockets before they had connected and
// exited before writes were flushed, issue 3):
//
//   - HTTP posts NDJSON (gzip) to /ingest and waits for 200 {"accepted":N},
//     retrying 5xx and honouring 429/503 Retry-After with exponential backoff
//     and jitter, up to a limit;
//   - TCP json_lines dials (a connection is used only once connected),
//     writes and flushes every line, half-closes and reads logstack's
//     {"acknowledged":N} receipt.
//
// A retry resends events with the same event ids, which the store
// deduplicates.
package ship
