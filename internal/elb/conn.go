package elb

import "strings"

// ALB connection-log fields (1-based). conn_trace_id was added in 2024.
const (
	cTime = iota + 1
	cClientIP
	cClientPort
	cListenerPort
	cProtocol
	cCipher
	cHandshake
	cCertSubject
	cCertValidity
	cCertSerial
	cVerifyStatus
	cConnTraceID
	connKnownFields = cConnTraceID
	connMinFields   = cVerifyStatus
)

var connFieldNames = [...]string{"", "time", "client_ip", "client_port",
	"listener_port", "tls_protocol", "tls_cipher", "tls_handshake_latency",
	"leaf_client_cert_subject", "leaf_client_cert_validity",
	"leaf_client_cert_serial_number", "tls_verify_status", "conn_trace_id"}

func parseConn(b *fields, line string, ts *tokens) error {
	if err := scan(line, connKnownFields, true, ts); err != nil {
		return wrapScan(ALBConn, err, connName)
	}
	if ts.n < connMinFields {
		return fieldErr(ALBConn, ts.n+1, connFieldNames[ts.n+1], token{off: len(line)}, "line ends after %d fields; a connection-log line has at least %d", ts.n, connMinFields)
	}
	tok := func(i int) string {
		if i > ts.n {
			return ""
		}
		return ts.t[i-1].s
	}
	bad := func(i int, format string, args ...any) error {
		return fieldErr(ALBConn, i, connFieldNames[i], ts.t[i-1], format, args...)
	}
	if !isTimestamp(tok(cTime)) {
		return bad(cTime, "%q is not a valid ISO 8601 date-time", tok(cTime))
	}
	b.str(fTimestamp, tok(cTime))
	b.str(fEventEnd, tok(cTime))
	if ip := tok(cClientIP); ip != "-" {
		if !isIP(ip) {
			return bad(cClientIP, "%q is not an IP address", ip)
		}
		b.str(fSourceIP, ip)
	}
	for i, id := range [...]fieldID{cClientPort: fSourcePort, cListenerPort: fDestPort} {
		if i != cClientPort && i != cListenerPort {
			continue
		}
		if p := tok(i); p != "-" {
			if !isPort(p) {
				return bad(i, "%q is not a port number", p)
			}
			b.num(id, p)
		}
	}
	tlsFields(b, tok(cCipher), tok(cProtocol))
	if err := timing(b, fHandshakeLatency, tok(cHandshake)); err != nil {
		return bad(cHandshake, "%v", err)
	}
	b.str(fCertSubject, tok(cCertSubject))
	certValidity(b, tok(cCertValidity))
	b.str(fCertSerial, tok(cCertSerial))
	status := tok(cVerifyStatus)
	b.str(fVerifyStatus, status)
	b.str(fConnTraceID, tok(cConnTraceID))
	outcome(b, true)
	switch {
	case status == "Success":
		b.str(fEventOutcome, "success")
	case strings.HasPrefix(status, "Failed"):
		b.str(fEventOutcome, "failure")
	}
	return nil
}

// certValidity splits NotBefore=...;NotAfter=... into the ECS x509 fields.
func certValidity(b *fields, v string) {
	if v == "-" || v == "" {
		return
	}
	for part := range strings.SplitSeq(v, ";") {
		k, val, _ := strings.Cut(part, "=")
		switch k {
		case "NotBefore":
			b.str(fCertNotBefore, val)
		case "NotAfter":
			b.str(fCertNotAfter, val)
		}
	}
}

func connName(i int) string {
	if i >= 1 && i < len(connFieldNames) {
		return connFieldNames[i]
	}
	return "unknown"
}
