package elb

import (
	"encoding/json"
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
func httpFields(b *builder, f Format, ts *tokens, base, n int) (tcp bool, err error) {
	tok := func(i int) token { return ts.t[base+i] }
	bad := func(i int, format string, args ...any) error {
		return fieldErr(f, base+i+1, httpFieldNames[i], tok(i), format, args...)
	}
	if t := tok(hTime); !isTimestamp(t.s) {
		return false, bad(hTime, "%q is not a valid ISO 8601 date-time", t.s)
	}
	stamp := any(tok(hTime).s)
	b.root["@timestamp"] = stamp
	b.set("event", "end", stamp)
	b.str("aws.elb", "name", tok(hName).s)
	if err := hostPort(b, "source", tok(hClient).s); err != nil {
		return false, bad(hClient, "%v", err)
	}
	if err := hostPort(b, "aws.elb.backend", tok(hBackend).s); err != nil {
		return false, bad(hBackend, "%v", err)
	}
	for i, key := range [...]string{"aws.elb.request_processing_time", "aws.elb.backend_processing_time", "aws.elb.response_processing_time"} {
		if err := timing(b, key, "sec", tok(hReqTime+i).s); err != nil {
			return false, bad(hReqTime+i, "%v", err)
		}
	}
	status, backendStatus := tok(hStatus).s, tok(hBackendStatus).s
	// Only Classic Load Balancers have TCP and SSL listeners; an ALB line is
	// always HTTP, even when the load balancer answered nothing.
	tcp = f == CLB && status == "-" && backendStatus == "-" && isTCPRequest(tok(hRequest).s)
	if err := integer(b, "http.response", "status_code", status); err != nil {
		return false, bad(hStatus, "%v", err)
	}
	if err := integer(b, "aws.elb.backend.http.response", "status_code", backendStatus); err != nil {
		return false, bad(hBackendStatus, "%v", err)
	}
	recvPrefix, sentPrefix := "http.request.body", "http.response.body"
	if tcp {
		recvPrefix, sentPrefix = "source", "destination"
	}
	if err := integer(b, recvPrefix, "bytes", tok(hReceived).s); err != nil {
		return false, bad(hReceived, "%v", err)
	}
	if err := integer(b, sentPrefix, "bytes", tok(hSent).s); err != nil {
		return false, bad(hSent, "%v", err)
	}
	if !tcp {
		if err := request(b, tok(hRequest).s); err != nil {
			return false, bad(hRequest, "%v", err)
		}
	}
	if n > hUserAgent {
		b.str("user_agent", "original", tok(hUserAgent).s)
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
func request(b *builder, r string) error {
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
	b.str("http.request", "method", method)
	if url != "-" && url != "" {
		b.str("url", "original", url)
		urlParts(b, url)
	}
	if len(proto) > 5 && proto[:5] == "HTTP/" {
		proto = proto[5:]
	}
	b.str("http", "version", proto)
	return nil
}

// tlsFields sets the cipher and protocol and the ECS version derived from it.
func tlsFields(b *builder, cipher, proto string) {
	b.str("tls", "cipher", cipher)
	if proto == "-" || proto == "" {
		return
	}
	b.str("aws.elb", "ssl_protocol", proto)
	if v, p, ok := tlsVersion(proto); ok {
		b.str("tls", "version", v)
		b.str("tls", "version_protocol", p)
	}
}

// hostPort sets prefix.ip and prefix.port from "ip:port" unless it is "-".
func hostPort(b *builder, prefix, v string) error {
	if v == "-" {
		return nil
	}
	ip, port, err := splitHostPort(v)
	if err != nil {
		return err
	}
	b.str(prefix, "ip", ip)
	b.num(prefix, "port", port)
	return nil
}

// timing sets a duration in its logged decimal text; "-1" (not measured)
// and "-" leave it out.
func timing(b *builder, prefix, key, v string) error {
	if v == "-1" || v == "-" {
		return nil
	}
	if !isDecimal(v) {
		return fmt.Errorf("%q is not a number of seconds or -1", v)
	}
	b.num(prefix, key, v)
	return nil
}

// integer sets a count or code unless it is "-".
func integer(b *builder, prefix, key, v string) error {
	if v == "-" {
		return nil
	}
	if !isUint(v) {
		return fmt.Errorf("%q is not an unsigned integer or -", v)
	}
	b.num(prefix, key, v)
	return nil
}

// outcome sets the fields Filebeat derives from the status code.
func outcome(b *builder, tcp bool) {
	b.root["cloud"] = map[string]any{"provider": "aws"}
	ev := b.obj("event")
	ev["kind"] = "event"
	ev["module"] = "aws"      // Filebeat's module framework adds these two,
	ev["dataset"] = "aws.elb" // which its dashboards filter on
	elb := b.obj("aws.elb")
	if tcp {
		elb["protocol"] = "tcp"
		ev["category"] = "network"
		return
	}
	elb["protocol"] = "http"
	ev["category"] = "web"
	resp, _ := b.root["http"].(map[string]any)
	resp, _ = resp["response"].(map[string]any)
	if code, ok := resp["status_code"].(json.Number); ok {
		if len(code) < 3 || (len(code) == 3 && code[0] < '4') {
			ev["outcome"] = "success"
		} else {
			ev["outcome"] = "failure"
		}
	}
}
