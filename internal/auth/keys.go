package auth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
)

// ErrMissingKey means the request carried no credentials; the client is
// probably misconfigured rather than hostile.
var ErrMissingKey = errors.New("missing API key")

// ErrInvalidKey means the request carried credentials that match no key.
var ErrInvalidKey = errors.New("invalid API key")

// Keys is a set of accepted API keys. A nil or empty Keys turns
// authentication off, so that a development setup needs no configuration.
// It is safe for concurrent use.
type Keys struct {
	digests [][sha256.Size]byte
	missing atomic.Uint64
	invalid atomic.Uint64
}

// New returns the set of keys, given in plaintext as read from configuration
// and key files. Surrounding whitespace is trimmed and empty entries are
// skipped; only digests are kept in memory.
func New(keys []string) *Keys {
	k := &Keys{}
	for _, key := range keys {
		key = strings.TrimSpace(key)
		if key == "" {
			continue
		}
		k.digests = append(k.digests, sha256.Sum256([]byte(key)))
	}
	return k
}

// Enabled reports whether requests must carry a key.
func (k *Keys) Enabled() bool { return k != nil && len(k.digests) > 0 }

// Authenticate checks r's credentials and returns nil, ErrMissingKey or
// ErrInvalidKey. It lets callers that answer in their own error format (the
// Elasticsearch API) share the same check as Middleware. Failures are
// counted (see Collector).
func (k *Keys) Authenticate(r *http.Request) error {
	if !k.Enabled() {
		return nil
	}
	candidates := credentials(r)
	if len(candidates) == 0 {
		k.missing.Add(1)
		return ErrMissingKey
	}
	if !k.match(candidates) {
		k.invalid.Add(1)
		return ErrInvalidKey
	}
	return nil
}

// match compares every candidate with every key without stopping early, so
// the time taken does not depend on which key (if any) matched.
func (k *Keys) match(candidates []string) bool {
	found := 0
	for _, c := range candidates {
		d := sha256.Sum256([]byte(c))
		for i := range k.digests {
			found |= subtle.ConstantTimeCompare(d[:], k.digests[i][:])
		}
	}
	return found == 1
}

// credentials extracts the secrets a request offers, in every reading
// described in the package documentation.
func credentials(r *http.Request) []string {
	var out []string
	if v := strings.TrimSpace(r.Header.Get("X-API-Key")); v != "" {
		out = append(out, v)
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || token == "" {
		return out
	}
	switch strings.ToLower(scheme) {
	case "apikey":
		out = append(out, token)
		out = append(out, decodedPair(token)...)
	case "bearer":
		out = append(out, token)
	case "basic":
		out = append(out, decodedPair(token)...)
	}
	return out
}

// decodedPair reads base64("<id>:<key>") and returns the pair and the key.
// Undecodable tokens yield "", which matches no key (New skips empty keys):
// the request offered credentials, so it is refused as invalid, not missing.
func decodedPair(token string) []string {
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return []string{""}
	}
	pair := string(raw)
	_, key, ok := strings.Cut(pair, ":")
	if !ok || key == "" {
		return []string{pair}
	}
	return []string{pair, key}
}
