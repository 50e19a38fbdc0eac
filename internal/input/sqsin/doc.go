// Package sqsin consumes S3 event notifications from an Amazon SQS queue,
// the usual AWS set-up for load balancer access logs (issue 3): S3 notifies
// SQS (directly or through SNS) when a log object is written, and logstack
// long-polls the queue, processes each announced object through an
// s3notify.Handler and deletes the message only once every event of every
// object in it is durable. While a large object is processed the message's
// visibility timeout is extended, so no other consumer takes it over.
//
// A message that can never succeed (unparsable body, an object failing
// permanently, or received more than MaxReceiveCount times) is written to
// the dead-letter log with its reason and then deleted; anything else that
// fails is left for SQS to redeliver after a short backoff, and processing
// it again duplicates nothing because event ids are derived from the
// object and line. Deliveries that failed because logstack's own queue
// was full or unavailable do not count towards MaxReceiveCount.
package sqsin
