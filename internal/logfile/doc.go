// Package logfile turns one log object (an S3 object or a local file, such
// as a load balancer's access log) into events and hands them to a Sink in
// bounded batches.
//
// It exists because the reference team's ELB Logs Processor Lambda lost
// small files, ran out of memory on big ones and duplicated events on retry
// (issue 3). Here the body is streamed (gzip detected by its magic bytes,
// never the whole object in memory), every event gets an event.id derived
// from the object's identity and the line number so that a retried
// notification or a re-run backfill is deduplicated by the store, and
// Process returns nil only after the Sink has made every event durable.
// Lines that do not parse are counted, named by object:line in the Summary
// and delivered as events tagged "_elbparsefailure", never dropped.
package logfile
