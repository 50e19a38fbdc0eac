package auth

import (
	"errors"
	"net/http"
)

// Middleware returns next guarded by the keys: a request without a valid key
// is answered 401 with "WWW-Authenticate: ApiKey" and a JSON error body, and
// never reaches next. With authentication off it returns next unchanged.
func (k *Keys) Middleware(next http.Handler) http.Handler {
	if !k.Enabled() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := k.Authenticate(r); err != nil {
			Deny(w, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Deny writes the 401 answer for an authentication error, for handlers that
// call Authenticate themselves.
func Deny(w http.ResponseWriter, err error) {
	w.Header().Set("WWW-Authenticate", "ApiKey")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	msg := "invalid API key"
	if errors.Is(err, ErrMissingKey) {
		msg = "missing API key"
	}
	_, _ = w.Write([]byte(`{"error":"` + msg + `"}` + "\n"))
}
