package elb

import (
	"fmt"
	"net/netip"
	"strings"
)

// fieldErr describes what is wrong with field number n (1-based, as AWS
// documents them) named name.
func fieldErr(f Format, n int, name string, t token, format string, args ...any) error {
	return fmt.Errorf("%w: %s field %d (%s) at byte %d: %s", ErrMalformed, f, n, name, t.off, fmt.Sprintf(format, args...))
}

// isUint reports whether s is a JSON-safe unsigned integer: digits, no
// leading zero unless it is "0", at most 19 digits.
func isUint(s string) bool {
	if s == "" || len(s) > 19 || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDecimal reports whether s is a non-negative JSON number without an
// exponent, such as "0.000073" or "5": the form AWS writes timings in.
func isDecimal(s string) bool {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if !allDigits(intPart) || (len(intPart) > 1 && intPart[0] == '0') {
		return false
	}
	return !hasFrac || allDigits(frac)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isTimestamp reports whether s is an ISO 8601 date-time as the load
// balancers write it: 2018-07-02T22:23:00.186641Z, or without fraction and
// zone (NLB: 2020-04-01T08:51:42). event.Normalize reads both forms.
func isTimestamp(s string) bool {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return false
	}
	if !allDigits(s[0:4]) || !twoDigits(s[5:7], 1, 12) || !twoDigits(s[8:10], 1, daysIn(s[0:4], s[5:7])) ||
		!twoDigits(s[11:13], 0, 23) || !twoDigits(s[14:16], 0, 59) || !twoDigits(s[17:19], 0, 59) {
		return false
	}
	rest := s[19:]
	if strings.HasPrefix(rest, ".") {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 || i > 10 {
			return false
		}
		rest = rest[i:]
	}
	return rest == "" || rest == "Z"
}

// daysIn returns the days of month mm of year yyyy (both digits), so that
// every accepted date is one time.Parse and event.Normalize accept too.
func daysIn(yyyy, mm string) int {
	if !allDigits(mm) || !allDigits(yyyy) {
		return 0
	}
	switch int(mm[0]-'0')*10 + int(mm[1]-'0') {
	case 4, 6, 9, 11:
		return 30
	case 2:
		y := 0
		for i := 0; i < len(yyyy); i++ {
			y = y*10 + int(yyyy[i]-'0')
		}
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

func twoDigits(s string, lo, hi int) bool {
	if !allDigits(s) {
		return false
	}
	v := int(s[0]-'0')*10 + int(s[1]-'0')
	return v >= lo && v <= hi
}

// splitHostPort splits "ip:port" at the last colon, which is how AWS writes
// IPv6 addresses too (no brackets). It checks that the address is an IP and
// the port a number.
func splitHostPort(s string) (ip, port string, err error) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", "", fmt.Errorf("%q is not ip:port", s)
	}
	ip, port = s[:i], s[i+1:]
	if _, perr := netip.ParseAddr(ip); perr != nil {
		return "", "", fmt.Errorf("%q is not an IP address", ip)
	}
	if !isPort(port) {
		return "", "", fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	return ip, port, nil
}

func isPort(s string) bool {
	if !isUint(s) || len(s) > 5 {
		return false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v <= 65535
}

// tlsVersion turns the protocol as logged (TLSv1.2, tlsv12, TLSv1.3) into
// ECS tls.version and tls.version_protocol, as Filebeat's pipeline does.
func tlsVersion(p string) (version, protocol string, ok bool) {
	i := strings.IndexAny(p, "vV")
	if i <= 0 || i == len(p)-1 {
		return "", "", false
	}
	name, v := p[:i], p[i+1:]
	switch {
	case strings.EqualFold(name, "tls"):
		protocol = "tls"
	case strings.EqualFold(name, "ssl"):
		protocol = "ssl"
	default:
		return "", "", false
	}
	if strings.Contains(v, ".") {
		return v, protocol, isDecimal(v)
	}
	switch v {
	case "10":
		return "1.0", protocol, true
	case "11":
		return "1.1", protocol, true
	case "12":
		return "1.2", protocol, true
	case "13":
		return "1.3", protocol, true
	case "2":
		return "2.0", protocol, true
	case "3":
		return "3.0", protocol, true
	}
	return "", "", false
}

func isIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}
