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
func parseNLB(b *fields, line string, ts *tokens) error {
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
	b.str(fTimestamp, tok(nTime))
	b.str(fEventEnd, tok(nTime))
	b.str(fELBType, tok(nType))
	b.str(fELBName, tok(nName))
	b.str(fELBListener, tok(nListener))
	if err := hostPort(b, fSourceIP, fSourcePort, tok(nClient)); err != nil {
		return bad(nClient, "%v", err)
	}
	if err := hostPort(b, fBackendIP, fBackendPort, tok(nDestination)); err != nil {
		return bad(nDestination, "%v", err)
	}
	if err := timing(b, fConnTime, tok(nConnTime)); err != nil {
		return bad(nConnTime, "%v", err)
	}
	if err := timing(b, fHandshakeTime, tok(nHandshakeTime)); err != nil {
		return bad(nHandshakeTime, "%v", err)
	}
	if err := integer(b, fSourceBytes, tok(nReceived)); err != nil {
		return bad(nReceived, "%v", err)
	}
	if err := integer(b, fDestBytes, tok(nSent)); err != nil {
		return bad(nSent, "%v", err)
	}
	if a := tok(nAlert); isUint(a) {
		b.num(fTLSAlert, a)
	} else {
		b.str(fTLSAlert, a)
	}
	b.str(fChosenCertARN, tok(nCertARN))
	b.str(fChosenCertSerial, tok(nCertSerial))
	tlsFields(b, tok(nCipher), tok(nProtocol))
	b.str(fNamedGroup, tok(nNamedGroup))
	b.str(fDestDomain, tok(nDomain))
	b.str(fALPNFront, tok(nALPNFront))
	b.str(fALPNBack, tok(nALPNBack))
	b.alpn(fALPNClient, tok(nALPNClient))
	if c := tok(nCreationTime); c != "" && c != "-" {
		if !isTimestamp(c) {
			return bad(nCreationTime, "%q is not a valid ISO 8601 date-time", c)
		}
		b.str(fEventStart, c)
	}
	outcome(b, true)
	return nil
}

func nlbName(i int) string {
	if i >= 1 && i < len(nlbFieldNames) {
		return nlbFieldNames[i]
	}
	return "unknown"
}
