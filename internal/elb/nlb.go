package elb

// NLB TLS access-log fields (1-based). Version 1.0 lines end at the domain
// name; version 2.0 adds ALPN and the connection creation time.
const (
	nType = iota + 1
	nVersion
	nTime
	nName
	nListener
	nClient
	nDestination
	nConnTime
	nHandshakeTime
	nReceived
	nSent
	nAlert
	nCertARN
	nCertSerial
	nCipher
	nProtocol
	nNamedGroup
	nDomain
	nALPNFront
	nALPNBack
	nALPNClient
	nCreationTime
	nlbKnownFields = nCreationTime
	nlbMinFields   = nDomain
)

var nlbFieldNames = [...]string{"", "type", "version", "time", "elb", "listener",
	"client:port", "destination:port", "connection_time", "tls_handshake_time",
	"received_bytes", "sent_bytes", "incoming_tls_alert", "chosen_cert_arn",
	"chosen_cert_serial", "tls_cipher", "tls_protocol_version", "tls_named_group",
	"domain_name", "alpn_fe_protocol", "alpn_be_protocol",
	"alpn_client_preference_list", "tls_connection_creation_time"}

// parseNLB reads NLB fields as bare words: none holds a space, and the ALPN
// preference list holds quotes ("h2","http/1.1") that are not delimiters.
func parseNLB(b *builder, line string, ts *tokens) error {
	if err := scan(line, nlbKnownFields, false, ts); err != nil {
		return wrapScan(NLB, err, nlbName)
	}
	if ts.n < nlbMinFields {
		return fieldErr(NLB, ts.n+1, nlbFieldNames[ts.n+1], token{off: len(line)}, "line ends after %d fields; an NLB line has at least %d", ts.n, nlbMinFields)
	}
	tok := func(i int) string {
		if i > ts.n {
			return ""
		}
		return ts.t[i-1].s
	}
	bad := func(i int, format string, args ...any) error {
		return fieldErr(NLB, i, nlbFieldNames[i], ts.t[i-1], format, args...)
	}
	if !isTimestamp(tok(nTime)) {
		return bad(nTime, "%q is not a valid ISO 8601 date-time", tok(nTime))
	}
	stamp := any(tok(nTime))
	b.root["@timestamp"] = stamp
	b.set("event", "end", stamp)
	b.str("aws.elb", "type", tok(nType))
	b.str("aws.elb", "name", tok(nName))
	b.str("aws.elb", "listener", tok(nListener))
	if err := hostPort(b, "source", tok(nClient)); err != nil {
		return bad(nClient, "%v", err)
	}
	if err := hostPort(b, "aws.elb.backend", tok(nDestination)); err != nil {
		return bad(nDestination, "%v", err)
	}
	if err := timing(b, "aws.elb.connection_time", "ms", tok(nConnTime)); err != nil {
		return bad(nConnTime, "%v", err)
	}
	if err := timing(b, "aws.elb.tls_handshake_time", "ms", tok(nHandshakeTime)); err != nil {
		return bad(nHandshakeTime, "%v", err)
	}
	if err := integer(b, "source", "bytes", tok(nReceived)); err != nil {
		return bad(nReceived, "%v", err)
	}
	if err := integer(b, "destination", "bytes", tok(nSent)); err != nil {
		return bad(nSent, "%v", err)
	}
	if a := tok(nAlert); isUint(a) {
		b.num("aws.elb", "incoming_tls_alert", a)
	} else {
		b.str("aws.elb", "incoming_tls_alert", a)
	}
	b.str("aws.elb.chosen_cert", "arn", tok(nCertARN))
	b.str("aws.elb.chosen_cert", "serial", tok(nCertSerial))
	tlsFields(b, tok(nCipher), tok(nProtocol))
	b.str("aws.elb", "ssl_named_group", tok(nNamedGroup))
	b.str("destination", "domain", tok(nDomain))
	b.str("aws.elb", "alpn_fe_protocol", tok(nALPNFront))
	b.str("aws.elb", "alpn_be_protocol", tok(nALPNBack))
	alpnList(b, tok(nALPNClient))
	if c := tok(nCreationTime); c != "" && c != "-" {
		if !isTimestamp(c) {
			return bad(nCreationTime, "%q is not a valid ISO 8601 date-time", c)
		}
		b.str("event", "start", c)
	}
	outcome(b, true)
	return nil
}

// alpnList turns "h2","http/1.1" into ["h2", "http/1.1"].
func alpnList(b *builder, v string) {
	if v == "-" || v == "" {
		return
	}
	var out []any
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
		if item != "" {
			out = append(out, item)
		}
	}
	if len(out) > 0 {
		b.obj("aws.elb")["alpn_client_preference_list"] = out
	}
}

func nlbName(i int) string {
	if i >= 1 && i < len(nlbFieldNames) {
		return nlbFieldNames[i]
	}
	return "unknown"
}
