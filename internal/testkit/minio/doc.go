// Package minio starts a real MinIO server for tests, so that S3 code is
// tested against an S3 implementation rather than a fake: signed requests,
// streaming bodies, listings, ETags and bucket notifications behave as they
// do against AWS.
//
// The binary is $LOGSTACK_MINIO_BIN, else minio on PATH, else the one .ci/run
// installs under ~/.cache/logstack-tools/minio-*/minio. Without it a test
// fails when CI is set and is skipped (naming the variable) otherwise.
package minio
