package auth

import (
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestAuthenticate(t *testing.T) {
	keys := New([]string{" s3cret ", "", "myid:pairkey"})
	f := func(header, value string, want error) {
		t.Helper()
		r := httptest.NewRequest("POST", "/ingest", nil)
		if header != "" {
			r.Header.Set(header, value)
		}
		if got := keys.Authenticate(r); !errors.Is(got, want) || (want == nil) != (got == nil) {
			t.Fatalf("%s: %q -> %v, want %v", header, value, got, want)
		}
	}
	f("", "", ErrMissingKey)
	f("Authorization", "ApiKey s3cret", nil)
	f("Authorization", "apikey   s3cret ", nil)
	f("Authorization", "Bearer s3cret", nil)
	f("X-API-Key", "s3cret", nil)
	f("Authorization", "ApiKey "+b64("someid:s3cret"), nil)   // Elasticsearch id:key, key configured
	f("Authorization", "ApiKey "+b64("myid:pairkey"), nil)    // id:key configured as a pair
	f("Authorization", "Basic "+b64("fluentbit:s3cret"), nil) // basic auth, key as password
	f("Authorization", "ApiKey wrong", ErrInvalidKey)
	f("Authorization", "Bearer s3cre", ErrInvalidKey)
	f("Authorization", "Basic "+b64("s3cret:other"), ErrInvalidKey) // the user name is not a key
	f("Authorization", "Basic s3cret", ErrInvalidKey)               // not base64
	f("Authorization", "ApiKey "+b64("pairkey"), ErrInvalidKey)     // half of a pair
	f("Authorization", "Digest s3cret", ErrMissingKey)
	f("Authorization", "ApiKey", ErrMissingKey)
	f("X-API-Key", "  ", ErrMissingKey)
}

func TestDisabled(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	for _, k := range []*Keys{nil, New(nil), New([]string{"", "  "})} {
		if k.Enabled() {
			t.Fatalf("%v: enabled", k)
		}
		if err := k.Authenticate(r); err != nil {
			t.Fatalf("disabled keys refused a request: %v", err)
		}
		next := http.NotFoundHandler()
		if got := k.Middleware(next); reflect.ValueOf(got).Pointer() != reflect.ValueOf(next).Pointer() {
			t.Fatal("disabled middleware wraps the handler")
		}
	}
}

func TestMiddleware(t *testing.T) {
	keys := New([]string{"s3cret"})
	reached := 0
	h := keys.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached++
		w.WriteHeader(http.StatusNoContent)
	}))
	f := func(auth string, wantCode int, wantBody string) {
		t.Helper()
		r := httptest.NewRequest("POST", "/x", nil)
		if auth != "" {
			r.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != wantCode || strings.TrimSpace(w.Body.String()) != wantBody {
			t.Fatalf("%q: %d %q, want %d %q", auth, w.Code, w.Body, wantCode, wantBody)
		}
		if wantCode == http.StatusUnauthorized {
			if got := w.Header().Get("WWW-Authenticate"); got != "ApiKey" {
				t.Fatalf("WWW-Authenticate = %q", got)
			}
			if got := w.Header().Get("Content-Type"); got != "application/json" {
				t.Fatalf("Content-Type = %q", got)
			}
		}
	}
	f("", 401, `{"error":"missing API key"}`)
	f("ApiKey nope", 401, `{"error":"invalid API key"}`)
	f("ApiKey s3cret", 204, "")
	if reached != 1 {
		t.Fatalf("handler reached %d times, want 1", reached)
	}
}

func TestCollector(t *testing.T) {
	keys := New([]string{"s3cret"})
	reg := prometheus.NewRegistry()
	reg.MustRegister(keys.Collector("ingest"), New(nil).Collector("bulk"))
	for _, auth := range []string{"", "ApiKey a", "ApiKey b", "ApiKey s3cret"} {
		r := httptest.NewRequest("POST", "/", nil)
		r.Header.Set("Authorization", auth)
		_ = keys.Authenticate(r)
	}
	want := `
# HELP logstack_auth_failures_total Requests refused for a missing or invalid API key, by endpoint scope and reason.
# TYPE logstack_auth_failures_total counter
logstack_auth_failures_total{reason="invalid",scope="bulk"} 0
logstack_auth_failures_total{reason="invalid",scope="ingest"} 2
logstack_auth_failures_total{reason="missing",scope="bulk"} 0
logstack_auth_failures_total{reason="missing",scope="ingest"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
		t.Fatal(err)
	}
}

func TestNoKeyMaterialInErrors(t *testing.T) {
	keys := New([]string{"topsecretvalue"})
	r := httptest.NewRequest("POST", "/", nil)
	r.Header.Set("Authorization", "ApiKey topsecretvaluX")
	err := keys.Authenticate(r)
	w := httptest.NewRecorder()
	Deny(w, err)
	body, _ := io.ReadAll(w.Body)
	for _, s := range []string{err.Error(), string(body)} {
		if strings.Contains(s, "topsecret") {
			t.Fatalf("key material leaked: %q", s)
		}
	}
}
