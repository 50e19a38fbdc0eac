package elb

import "strings"

// urlParts sets the url.* fields Filebeat's uri_parts processor derives from
// url.original (scheme, domain, port, path, query, fragment), so queries such
// as url.path:/api/* work without a pipeline. It slices the logged text and
// never decodes it: a malformed URL just yields fewer parts.
func urlParts(b *fields, u string) {
	rest := u
	if i := strings.Index(rest, "://"); i > 0 && isScheme(rest[:i]) {
		b.str(fURLScheme, rest[:i])
		rest = rest[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		urlHost(b, rest[:end])
		rest = rest[end:]
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		b.str(fURLFragment, rest[i+1:])
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		b.str(fURLQuery, rest[i+1:])
		rest = rest[:i]
	}
	b.str(fURLPath, rest)
}

// urlHost sets url.domain and url.port from an authority, dropping user
// info and the brackets of an IPv6 literal.
func urlHost(b *fields, auth string) {
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		auth = auth[i+1:]
	}
	host, port := auth, ""
	if i := strings.LastIndexByte(auth, ':'); i >= 0 && !strings.Contains(auth[i:], "]") {
		host, port = auth[:i], auth[i+1:]
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	b.str(fURLDomain, host)
	if isPort(port) {
		b.num(fURLPort, port)
	}
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}
