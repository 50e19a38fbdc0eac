// Package auth checks API keys on HTTP requests. Keys are compared as SHA-256
// digests in constant time against every configured key, so neither timing
// nor length reveals how close a guess was, and no key material ever reaches
// a log line, an error or a metric label.
//
// Accepted credentials, in the forms log shippers can send them:
//
//	Authorization: ApiKey <key>
//	Authorization: ApiKey base64(<id>:<key>)   (Elasticsearch clients: Filebeat, Logstash, Elastic Agent)
//	Authorization: Bearer <key>
//	Authorization: Basic base64(<user>:<key>)  (clients that only do basic auth: Fluent Bit, Vector)
//	X-API-Key: <key>
//
// For the base64 forms both the decoded "<id>:<key>" pair and the key part
// alone are tried, so a configured key may be either.
package auth
