// Package input holds what every input (HTTP, Elasticsearch bulk, TCP, and
// later S3, Beats, syslog) shares: the Publisher they hand accepted events
// to, and the mapping of queue backpressure onto each protocol.
package input
