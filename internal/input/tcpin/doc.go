// Package tcpin is the Logstash-compatible "tcp" input with the
// "json_lines" codec: newline-delimited JSON objects over plain TCP or TLS.
// A line that is not a JSON object is kept, as Logstash does, as
// {"message": <line>, "tags": ["_jsonparsefailure"]}; a line longer than
// MaxLineBytes is cut and also tagged "_linetoolong".
//
// Backpressure: each connection reads, batches and publishes in one
// goroutine, so while the queue refuses a batch (full, low on disk,
// unavailable) the connection stops reading and TCP flow control slows the
// sender down. A batch is retried with capped exponential backoff and never
// dropped; only the shutdown deadline ends the retries. The one exception
// is a single event larger than the queue's message limit, which no retry
// can store. Events lost either way are counted in
// logstack_input_events_lost_total{reason="shutdown"|"too_large"}.
//
// Delivery guarantee: when the sender half-closes its side (shutdown(SHUT_WR)
// or CloseWrite) after its last line, the input publishes the pending batch
// and, once the queue holds every event of the connection durably, writes
// one line {"acknowledged":N} (N = events of the connection) and closes. A
// sender that reads until EOF and sees that line knows every line it sent
// is stored. A clean EOF alone proves nothing: the kernel also closes the
// socket cleanly when the process is killed after reading everything.
// Whenever the input has to close a connection without that certainty
// (shutdown deadline passed, shutdown with a line half received), it resets
// the connection instead. Plain json_lines senders that never read are
// unaffected. A final line without a trailing newline is accepted at EOF.
package tcpin
