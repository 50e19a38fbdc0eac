// Package s3hook receives S3 event notifications over HTTP on logstack's
// own server: MinIO (and other S3-compatible stores) posting bucket
// notifications to a webhook, and Amazon SNS HTTP/S subscriptions.
//
// The answer is 2xx only once every event of every announced object is
// durable (or the object was dead-lettered), so MinIO and SNS retry
// otherwise. MinIO requests authenticate with logstack's API keys (MinIO's
// auth_token "ApiKey <key>"); SNS messages cannot carry a key and are
// accepted only with a valid SNS signature (SignatureVersion 1 and 2, the
// certificate fetched only from an https sns.<region>.amazonaws.com URL)
// from an allowed topic. A SubscriptionConfirmation from an allowed topic
// is confirmed by visiting its SubscribeURL.
package s3hook
