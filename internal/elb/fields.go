package elb

import "strings"

// fieldID names one leaf of an event. The parsers fill a fields value (one
// slot per id, no maps); AppendJSON writes it through the static tree built
// from fieldPaths, and Parse builds its maps from the same slots, so the
// mapping from log fields to event fields exists once.
type fieldID uint8

// Every leaf an event can have, whatever its layout, plus the ones Extra
// adds (event.id, cloud.account.id, cloud.region, aws.s3.*, log.*).
const (
	fTimestamp fieldID = iota
	fEventEnd
	fEventStart
	fEventOriginal
	fEventKind
	fEventModule
	fEventDataset
	fEventCategory
	fEventOutcome
	fEventID
	fCloudProvider
	fCloudAccountID
	fCloudRegion
	fS3Bucket
	fS3Object
	fLogFilePath
	fLogOffset
	fELBName
	fELBType
	fELBProtocol
	fELBListener
	fELBSSLProtocol
	fBackendIP
	fBackendPort
	fBackendStatus
	fReqTime
	fBackendTime
	fRespTime
	fTargetGroupARN
	fELBTraceID
	fChosenCertARN
	fChosenCertSerial
	fRulePriority
	fActions
	fRedirectURL
	fErrorReason
	fTargetPort
	fTargetStatus
	fClassification
	fClassReason
	fConnTraceID
	fTransformedHost
	fTransformedURI
	fTransformStatus
	fConnTime
	fHandshakeTime
	fTLSAlert
	fNamedGroup
	fALPNFront
	fALPNBack
	fALPNClient
	fHandshakeLatency
	fVerifyStatus
	fSourceIP
	fSourcePort
	fSourceBytes
	fDestBytes
	fDestDomain
	fDestPort
	fStatus
	fReqBodyBytes
	fRespBodyBytes
	fMethod
	fHTTPVersion
	fURLOriginal
	fURLScheme
	fURLDomain
	fURLPort
	fURLPath
	fURLQuery
	fURLFragment
	fUserAgent
	fTLSCipher
	fTLSVersion
	fTLSVersionProtocol
	fCertSubject
	fCertNotBefore
	fCertNotAfter
	fCertSerial
	fTraceID
	numFields
)

// fieldPaths is each leaf's dotted path in the event.
var fieldPaths = [numFields]string{
	fTimestamp:          "@timestamp",
	fEventEnd:           "event.end",
	fEventStart:         "event.start",
	fEventOriginal:      "event.original",
	fEventKind:          "event.kind",
	fEventModule:        "event.module",
	fEventDataset:       "event.dataset",
	fEventCategory:      "event.category",
	fEventOutcome:       "event.outcome",
	fEventID:            "event.id",
	fCloudProvider:      "cloud.provider",
	fCloudAccountID:     "cloud.account.id",
	fCloudRegion:        "cloud.region",
	fS3Bucket:           "aws.s3.bucket.name",
	fS3Object:           "aws.s3.object.key",
	fLogFilePath:        "log.file.path",
	fLogOffset:          "log.offset",
	fELBName:            "aws.elb.name",
	fELBType:            "aws.elb.type",
	fELBProtocol:        "aws.elb.protocol",
	fELBListener:        "aws.elb.listener",
	fELBSSLProtocol:     "aws.elb.ssl_protocol",
	fBackendIP:          "aws.elb.backend.ip",
	fBackendPort:        "aws.elb.backend.port",
	fBackendStatus:      "aws.elb.backend.http.response.status_code",
	fReqTime:            "aws.elb.request_processing_time.sec",
	fBackendTime:        "aws.elb.backend_processing_time.sec",
	fRespTime:           "aws.elb.response_processing_time.sec",
	fTargetGroupARN:     "aws.elb.target_group.arn",
	fELBTraceID:         "aws.elb.trace_id",
	fChosenCertARN:      "aws.elb.chosen_cert.arn",
	fChosenCertSerial:   "aws.elb.chosen_cert.serial",
	fRulePriority:       "aws.elb.matched_rule_priority",
	fActions:            "aws.elb.action_executed",
	fRedirectURL:        "aws.elb.redirect_url",
	fErrorReason:        "aws.elb.error.reason",
	fTargetPort:         "aws.elb.target_port",
	fTargetStatus:       "aws.elb.target_status_code",
	fClassification:     "aws.elb.classification",
	fClassReason:        "aws.elb.classification_reason",
	fConnTraceID:        "aws.elb.conn_trace_id",
	fTransformedHost:    "aws.elb.transformed_host",
	fTransformedURI:     "aws.elb.transformed_uri",
	fTransformStatus:    "aws.elb.request_transform_status",
	fConnTime:           "aws.elb.connection_time.ms",
	fHandshakeTime:      "aws.elb.tls_handshake_time.ms",
	fTLSAlert:           "aws.elb.incoming_tls_alert",
	fNamedGroup:         "aws.elb.ssl_named_group",
	fALPNFront:          "aws.elb.alpn_fe_protocol",
	fALPNBack:           "aws.elb.alpn_be_protocol",
	fALPNClient:         "aws.elb.alpn_client_preference_list",
	fHandshakeLatency:   "aws.elb.tls_handshake_latency.sec",
	fVerifyStatus:       "aws.elb.tls_verify_status",
	fSourceIP:           "source.ip",
	fSourcePort:         "source.port",
	fSourceBytes:        "source.bytes",
	fDestBytes:          "destination.bytes",
	fDestDomain:         "destination.domain",
	fDestPort:           "destination.port",
	fStatus:             "http.response.status_code",
	fReqBodyBytes:       "http.request.body.bytes",
	fRespBodyBytes:      "http.response.body.bytes",
	fMethod:             "http.request.method",
	fHTTPVersion:        "http.version",
	fURLOriginal:        "url.original",
	fURLScheme:          "url.scheme",
	fURLDomain:          "url.domain",
	fURLPort:            "url.port",
	fURLPath:            "url.path",
	fURLQuery:           "url.query",
	fURLFragment:        "url.fragment",
	fUserAgent:          "user_agent.original",
	fTLSCipher:          "tls.cipher",
	fTLSVersion:         "tls.version",
	fTLSVersionProtocol: "tls.version_protocol",
	fCertSubject:        "tls.client.x509.subject.distinguished_name",
	fCertNotBefore:      "tls.client.x509.not_before",
	fCertNotAfter:       "tls.client.x509.not_after",
	fCertSerial:         "tls.client.x509.serial_number",
	fTraceID:            "trace.id",
}

// kind says how a slot's text becomes a JSON value.
type kind uint8

const (
	kString kind = iota + 1 // a string
	kNumber                 // validated number text, written as is
	kList                   // strings separated by sep; "" and "-" parts dropped
	kCodes                  // kList, parts that are unsigned integers as numbers
	kALPN                   // "h2","http/1.1": quoted items separated by commas
	kText                   // a caller's string (Extra), never plain
	kInt                    // fields.offset (log.offset), the one value not in a string
)

// slot is one leaf's value: a substring of the line (or a constant) and how
// to write it.
type slot struct {
	s   string
	k   kind
	sep byte
}

// mask is a set of field ids; the tree keeps the set under every object so
// an object without a present leaf is skipped in one test.
type mask [2]uint64

func (m *mask) add(id fieldID)      { m[id/64] |= 1 << (id % 64) }
func (m mask) has(id fieldID) bool  { return m[id/64]&(1<<(id%64)) != 0 }
func (m mask) overlaps(o mask) bool { return m[0]&o[0] != 0 || m[1]&o[1] != 0 }

// fields holds the values of one line, indexed by fieldID. It lives on the
// caller's stack; only slots named in present are meaningful.
type fields struct {
	v       [numFields]slot
	present mask
	// normalStamp writes @timestamp as event.Normalize would (Extra.Normalized).
	normalStamp bool
	offset      int64
	// plain is true when the line holds no byte JSON escapes but '"'
	// (isPlain); every kString value then is a substring of the line or a
	// constant, and appendPlain writes it.
	plain bool
	// quoteFree is true when no value but event.original holds a quote:
	// the line's quotes all delimit quoted fields (tokens.quoted).
	quoteFree bool
}

// str sets a string unless the log says it is absent ("-" or empty).
func (f *fields) str(id fieldID, v string) {
	if v == "-" || v == "" {
		return
	}
	f.v[id] = slot{s: v, k: kString}
	f.present.add(id)
}

// text sets a caller's string unless it is "" ("-" is a value here).
func (f *fields) text(id fieldID, v string) {
	if v == "" {
		return
	}
	f.v[id] = slot{s: v, k: kText}
	f.present.add(id)
}

// num sets a number from text the caller has validated.
func (f *fields) num(id fieldID, v string) {
	f.v[id] = slot{s: v, k: kNumber}
	f.present.add(id)
}

// list sets an array of the sep-separated parts of v (unsigned integers as
// numbers when codes) unless no part is left once "" and "-" are dropped.
func (f *fields) list(id fieldID, v string, sep byte, codes bool) {
	if v == "-" || v == "" {
		return
	}
	for part := range splitByte(v, sep) {
		if part != "" && part != "-" {
			k := kList
			if codes {
				k = kCodes
			}
			f.v[id] = slot{s: v, k: k, sep: sep}
			f.present.add(id)
			return
		}
	}
}

// alpn sets the ALPN preference list unless it has no item.
func (f *fields) alpn(id fieldID, v string) {
	if v == "-" || v == "" {
		return
	}
	for range alpnItems(v) {
		f.v[id] = slot{s: v, k: kALPN}
		f.present.add(id)
		return
	}
}

// alpnItems yields the non-empty items of "h2","http/1.1".
func alpnItems(v string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for v != "" {
			var item string
			if v[0] == '"' {
				end := 1
				for end < len(v) && v[end] != '"' {
					end++
				}
				item = v[1:min(end, len(v))]
				v = v[min(end+1, len(v)):]
			} else {
				end := 0
				for end < len(v) && v[end] != ',' {
					end++
				}
				item, v = v[:end], v[end:]
			}
			if len(v) > 0 && v[0] == ',' {
				v = v[1:]
			}
			if item != "" && !yield(item) {
				return
			}
		}
	}
}

// listParts yields the parts of a kList or kCodes slot that are values.
func listParts(s slot) func(func(string) bool) {
	return func(yield func(string) bool) {
		for part := range splitByte(s.s, s.sep) {
			if part != "" && part != "-" && !yield(part) {
				return
			}
		}
	}
}

// splitByte yields the sep-separated parts of s, as strings.SplitSeq with a
// one-byte separator, without making a string of the separator.
func splitByte(s string, sep byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for {
			i := strings.IndexByte(s, sep)
			if i < 0 {
				yield(s)
				return
			}
			if !yield(s[:i]) {
				return
			}
			s = s[i+1:]
		}
	}
}
