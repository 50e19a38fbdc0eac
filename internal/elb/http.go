package elb

import (
	"fmt"
	"strings"
)

// The fields CLB lines and ALB lines share, in CLB numbering; ALB lines have
// the request type in front, so ALB field numbers are one higher.
const (
	hTime = iota
	hName
	hClient
	hBackend
	hReqTime
	hBackendTime
	hRespTime
	hStatus
	hBackendStatus
	hReceived
	hSent
	hRequest
	hUserAgent
	hCipher
	hProtocol
	hCount
)

var httpFieldNames = [hCount]string{
	"time", "elb", "client:port", "backend:port", "request_processing_time",
	"backend_processing_time", "response_processing_time", "elb_status_code",
	"backend_status_code", "received_bytes", "sent_bytes", "request",
	"user_agent", "ssl_cipher", "ssl_protocol",
}

// httpFields maps the fields CLB and ALB lines share, starting at token
// base. n is how many of the hCount fields the line has (CLB lines from
// before 2015 stop after the request). It reports whether the line is a
// CLB TCP/SSL-listener line, whose byte counts are connection counts.
func httpFields(b *fields, f Format, ts *tokens, base, n int) (tcp bool, err error) {
	tok := func(i int) token { return ts.t[base+i] }
	bad := func(i int, format string, args ...any) error {
		return fieldErr(f, base+i+1, httpFieldNames[i], tok(i), format, args...)
	}
	if t := tok(hTime); !isTimestamp(t.s) {
		return false, bad(hTime, "%q is not a valid ISO 8601 date-time", t.s)
	}
	b.str(fTimestamp, tok(hTime).s)
	b.str(fEventEnd, tok(hTime).s)
	b.str(fELBName, tok(hName).s)
	if err := hostPort(b, fSourceIP, fSourcePort, tok(hClient).s); err != nil {
		return false, bad(hClient, "%v", err)
	}
	if err := hostPort(b, fBackendIP, fBackendPort, tok(hBackend).s); err != nil {
		return false, bad(hBackend, "%v", err)
	}
	for i, id := range [...]fieldID{fReqTime, fBackendTime, fRespTime} {
		if err := timing(b, id, tok(hReqTime+i).s); err != nil {
			return false, bad(hReqTime+i, "%v", err)
		}
	}
	status, backendStatus := tok(hStatus).s, tok(hBackendStatus).s
	// Only Classic Load Balancers have TCP and SSL listeners; an ALB line is
	// always HTTP, even when the load balancer answered nothing.
	tcp = f == CLB && status == "-" && backendStatus == "-" && isTCPRequest(tok(hRequest).s)
	if err := integer(b, fStatus, status); err != nil {
		return false, bad(hStatus, "%v", err)
	}
	if err := integer(b, fBackendStatus, backendStatus); err != nil {
		return false, bad(hBackendStatus, "%v", err)
	}
	recv, sent := fReqBodyBytes, fRespBodyBytes
	if tcp {
		recv, sent = fSourceBytes, fDestBytes
	}
	if err := integer(b, recv, tok(hReceived).s); err != nil {
		return false, bad(hReceived, "%v", err)
	}
	if err := integer(b, sent, tok(hSent).s); err != nil {
		return false, bad(hSent, "%v", err)
	}
	if !tcp {
		if err := request(b, tok(hRequest).s); err != nil {
			return false, bad(hRequest, "%v", err)
		}
	}
	if n > hUserAgent {
		b.str(fUserAgent, tok(hUserAgent).s)
	}
	if n > hProtocol {
		tlsFields(b, tok(hCipher).s, tok(hProtocol).s)
	} else if n > hCipher {
		return false, bad(hCipher, "ssl_cipher is the last field: ssl_protocol is missing")
	}
	return tcp, nil
}

// isTCPRequest reports whether the request field is the placeholder TCP and
// SSL listeners write ("- - - ", and "- - -" seen in the wild).
func isTCPRequest(r string) bool { return r == "- - - " || r == "- - -" }

// request splits "METHOD URL PROTOCOL". The URL may contain raw spaces, so
// the method is up to the first space and the protocol after the last.
func request(b *fields, r string) error {
	if r == "-" || r == "" || isTCPRequest(r) {
		return nil
	}
	i := strings.IndexByte(r, ' ')
	if i < 0 {
		return fmt.Errorf("request %q is not \"METHOD URL PROTOCOL\"", r)
	}
	method, rest := r[:i], r[i+1:]
	url, proto := rest, ""
	if j := strings.LastIndexByte(rest, ' '); j >= 0 {
		url, proto = rest[:j], rest[j+1:]
	}
	b.str(fMethod, method)
	if url != "-" && url != "" {
		b.str(fURLOriginal, url)
		urlParts(b, url)
	}
	if len(proto) > 5 && proto[:5] == "HTTP/" {
		proto = proto[5:]
	}
	b.str(fHTTPVersion, proto)
	return nil
}

// tlsFields sets the cipher and protocol and the ECS version derived from it.
func tlsFields(b *fields, cipher, proto string) {
	b.str(fTLSCipher, cipher)
	if proto == "-" || proto == "" {
		return
	}
	b.str(fELBSSLProtocol, proto)
	if v, p, ok := tlsVersion(proto); ok {
		b.str(fTLSVersion, v)
		b.str(fTLSVersionProtocol, p)
	}
}

// hostPort sets an ip and a port field from "ip:port" unless it is "-".
func hostPort(b *fields, ipField, portField fieldID, v string) error {
	if v == "-" {
		return nil
	}
	ip, port, err := splitHostPort(v)
	if err != nil {
		return err
	}
	b.str(ipField, ip)
	b.num(portField, port)
	return nil
}

// timing sets a duration in its logged decimal text; "-1" (not measured)
// and "-" leave it out.
func timing(b *fields, id fieldID, v string) error {
	if v == "-1" || v == "-" {
		return nil
	}
	if !isDecimal(v) {
		return fmt.Errorf("%q is not a number of seconds or -1", v)
	}
	b.num(id, v)
	return nil
}

// integer sets a count or code unless it is "-".
func integer(b *fields, id fieldID, v string) error {
	if v == "-" {
		return nil
	}
	if !isUint(v) {
		return fmt.Errorf("%q is not an unsigned integer or -", v)
	}
	b.num(id, v)
	return nil
}

// outcome sets the fields Filebeat derives from the status code.
func outcome(b *fields, tcp bool) {
	b.str(fCloudProvider, "aws")
	b.str(fEventKind, "event")
	b.str(fEventModule, "aws")      // Filebeat's module framework adds these two,
	b.str(fEventDataset, "aws.elb") // which its dashboards filter on
	if tcp {
		b.str(fELBProtocol, "tcp")
		b.str(fEventCategory, "network")
		return
	}
	b.str(fELBProtocol, "http")
	b.str(fEventCategory, "web")
	if b.present.has(fStatus) {
		if code := b.v[fStatus].s; len(code) < 3 || (len(code) == 3 && code[0] < '4') {
			b.str(fEventOutcome, "success")
		} else {
			b.str(fEventOutcome, "failure")
		}
	}
}
