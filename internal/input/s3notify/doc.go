// Package s3notify is what the S3 inputs share: it reads S3 event
// notifications (AWS S3 records, MinIO's webhook payload, both also wrapped
// in an SNS envelope, and the s3:TestEvent S3 sends when a notification is
// configured), hands each created object to a Handler, and records poison
// input in a dead-letter log.
//
// The inputs built on it (internal/input/sqs and internal/input/s3hook)
// acknowledge a notification (delete the SQS message, answer 2xx) only after
// Dispatch returned nil, that is after every event of every object in it is
// durable in logstack's queue. Processing an object again is harmless: the
// Handler derives event ids from bucket, key, version and line, so the store
// keeps each event once. That is what makes redelivery (at-least-once
// notifications from S3, SQS and SNS) safe. See issue 3.
package s3notify
