// Package httpin receives events over HTTP: logstack's own POST /ingest
// (a JSON object, a JSON array of objects, or NDJSON, optionally gzipped)
// and enough of the Elasticsearch API (bulk, the version handshake, the
// template and policy calls shippers make at start-up) that Filebeat,
// Logstash, Vector and Fluent Bit can point their Elasticsearch output at
// logstack unchanged.
//
// Every request is validated completely before anything of it is published,
// and is answered with success only after the Publisher made all its events
// durable. Queue backpressure becomes 429 (queue full) or 503 (disk low,
// queue unavailable) with Retry-After, which every one of those shippers
// retries. TLS is the HTTP server's business, not this package's.
package httpin
