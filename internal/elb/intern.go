package elb

import (
	"encoding/json"
	"strconv"
)

// Boxing a string or json.Number into an interface allocates; values that
// recur on almost every line (status codes, ports 80 and 443, ALB's
// three-decimal timings, methods, protocols) are boxed once here instead.
// This takes about a tenth of the allocations out of a line.

// smallInts holds json.Number "0" to "999", boxed.
var smallInts [1000]any

// millis holds "0.000" to "0.999", boxed: ALB timings below a second.
var millis [1000]any

func init() {
	for i := range smallInts {
		smallInts[i] = json.Number(strconv.Itoa(i))
	}
	for i := range millis {
		millis[i] = json.Number("0." + string([]byte{byte('0' + i/100), byte('0' + i/10%10), byte('0' + i%10)}))
	}
}

// boxNumber boxes validated number text, from the tables when it can.
func boxNumber(s string) any {
	switch {
	case len(s) <= 3 && (len(s) == 1 || s[0] != '0') && allDigits(s):
		v := 0
		for i := 0; i < len(s); i++ {
			v = v*10 + int(s[i]-'0')
		}
		return smallInts[v]
	case len(s) == 5 && s[0] == '0' && s[1] == '.' && allDigits(s[2:]):
		return millis[int(s[2]-'0')*100+int(s[3]-'0')*10+int(s[4]-'0')]
	}
	return json.Number(s)
}

// boxString boxes a field value, using constants for the common ones.
func boxString(s string) any {
	switch s {
	case "http":
		return "http"
	case "https":
		return "https"
	case "h2":
		return "h2"
	case "ws":
		return "ws"
	case "wss":
		return "wss"
	case "grpcs":
		return "grpcs"
	case "GET":
		return "GET"
	case "POST":
		return "POST"
	case "HEAD":
		return "HEAD"
	case "PUT":
		return "PUT"
	case "1.1":
		return "1.1"
	case "2.0":
		return "2.0"
	case "1.0":
		return "1.0"
	case "TLSv1.2":
		return "TLSv1.2"
	case "TLSv1.3":
		return "TLSv1.3"
	case "ECDHE-RSA-AES128-GCM-SHA256":
		return "ECDHE-RSA-AES128-GCM-SHA256"
	case "TLS_AES_128_GCM_SHA256":
		return "TLS_AES_128_GCM_SHA256"
	case "forward":
		return "forward"
	case "aws": // the constants every event carries
		return "aws"
	case "aws.elb":
		return "aws.elb"
	case "event":
		return "event"
	case "web":
		return "web"
	case "network":
		return "network"
	case "tcp":
		return "tcp"
	case "success":
		return "success"
	case "failure":
		return "failure"
	case "tls":
		return "tls"
	}
	return s
}
