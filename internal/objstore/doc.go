// Package objstore reads log objects from Amazon S3 or an S3-compatible
// store (MinIO) with the AWS SDK for Go v2: a streaming Open pinned to the
// notified version, and a paginated List for backfills. Bodies are never
// buffered whole, so object size does not bound memory (issue 3).
package objstore
