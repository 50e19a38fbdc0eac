// Package sqsfake is a FAKE Amazon SQS server for tests: an in-memory
// implementation of the AWS JSON 1.0 protocol that the current AWS SDK for
// Go v2 (service/sqs) speaks, covering SendMessage, ReceiveMessage (long
// polling, visibility timeout, ApproximateReceiveCount), DeleteMessage and
// ChangeMessageVisibility.
//
// It exists because no real SQS-protocol server can run here: the one on
// the Go module proxy, github.com/Admiral-Piett/goaws v0.4.5, only speaks
// the older query protocol (form-encoded Action=...), which the SDK no
// longer sends; LocalStack and ElasticMQ are not Go modules. Its semantics
// follow the SQS API reference; it does not check signatures.
package sqsfake
