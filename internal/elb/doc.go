// Package elb turns AWS load-balancer log lines into events: Classic Load
// Balancer access logs (HTTP, HTTPS, TCP and SSL listeners), Application Load
// Balancer access logs (every layout AWS has published, unknown trailing
// fields ignored as AWS asks), Network Load Balancer TLS access logs and
// Application Load Balancer connection logs. Field names follow the Elastic
// Common Schema as Filebeat's aws/elb module writes them, so dashboards and
// queries written for Filebeat work unchanged; docs/ELB.md lists the mapping.
//
// The parsers make one pass over the line without regular expressions into
// a fixed array of values, each a substring of the line. AppendJSON writes
// that array as the event's JSON through a key tree sorted once at start-up,
// with no allocation; Parse builds the nested maps from the same array, so
// both say the same thing and the field mapping is written once.
//
// The package also reads the S3 key layout AWS writes log objects under
// (ParseObjectKey, SkipReason), so an S3 reader can tell log objects from
// control objects and label events with account, region and load balancer.
package elb
