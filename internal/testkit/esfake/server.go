package esfake

import (
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"
)

// Server is the fake cluster. It implements http.Handler so a test can
// mount it anywhere; Start serves it on a loopback port. All methods are
// safe for concurrent use.
type Server struct {
	// URL is the base URL of the listener Start opened ("" for New).
	URL string

	ver version

	mu          sync.Mutex
	indices     map[string]*index
	dataStreams map[string]*dataStream
	composable  map[string]*composableTemplate
	legacy      map[string]*legacyTemplate
	failN       int
	failStatus  int
	failItems   func(id string, attempt int) (status int, errType, reason string)
	attempts    map[string]int
	down        bool
	bulkCount   int
	requests    map[string]int
	seq         int64
}

// Option configures a Server built by New or Start.
type Option func(*Server)

// WithVersion makes the server answer as the given distribution
// ("elasticsearch" or "opensearch") and version number (for example
// "8.15.0", "7.10.2", "7.5.0", "2.11.0", "1.3.0"), which decides the
// version-specific endpoints and response details. The default is
// Elasticsearch 8.15.0.
func WithVersion(distribution, number string) Option {
	return func(s *Server) { s.ver = parseVersion(distribution, number) }
}

// New returns an empty fake cluster (no indices, no templates).
func New(opts ...Option) *Server {
	s := &Server{
		ver:         parseVersion("elasticsearch", "8.15.0"),
		indices:     map[string]*index{},
		dataStreams: map[string]*dataStream{},
		composable:  map[string]*composableTemplate{},
		legacy:      map[string]*legacyTemplate{},
		attempts:    map[string]int{},
		requests:    map[string]int{},
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Start serves a new fake on 127.0.0.1 (s.URL) until the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := New(opts...)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	s.URL = ts.URL
	return s
}

// IDCounts returns how many copies of each _id the cluster holds across
// all indices, so exactly-once delivery can be checked (every count 1).
func (s *Server) IDCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, ix := range s.indices {
		for id := range ix.docs {
			out[id]++
		}
	}
	return out
}

// Indices returns the names of the existing indices (data stream backing
// indices included), sorted.
func (s *Server) Indices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sortedIndexNames()
}

// FailRequests makes the next n requests, to any endpoint, answer status
// (500 when it is not an HTTP status) with an Elasticsearch error body
// instead of being served.
func (s *Server) FailRequests(n int, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN, s.failStatus = n, status
}

// FailItems installs f, asked for every bulk item before it is applied
// with the item's _id and how many times that _id has been seen in bulk
// items (1 the first time); a non-zero status fails the item with that
// status and error{type, reason} and stores nothing. nil removes it.
func (s *Server) FailItems(f func(id string, attempt int) (status int, errType, reason string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failItems = f
}

// SetDown makes every request answer 503 while down is true, as a cluster
// that lost its master does.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// BulkRequests returns how many _bulk requests arrived, failed or not.
func (s *Server) BulkRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bulkCount
}

// Requests returns how many requests arrived whose URL path matches p (an
// exact path such as "/_bulk", or a path.Match pattern such as
// "/*/_search"), failed or not.
func (s *Server) Requests(p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for got, c := range s.requests {
		if got == p {
			n += c
		} else if ok, _ := path.Match(p, got); ok {
			n += c
		}
	}
	return n
}

// ServeHTTP answers one REST request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.ver.productHeader() {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
	}
	if status, injected := s.admit(r); injected {
		writeError(w, status, injectedError(status))
		return
	}
	if ct, ok := unsupportedContentType(r); !ok {
		writeJSON(w, http.StatusNotAcceptable, map[string]any{
			"error": "Content-Type header [" + ct + "] is not supported", "status": http.StatusNotAcceptable})
		return
	}
	if fp := r.URL.Query().Get("filter_path"); fp != "" {
		serveFiltered(w, r, fp, s.route)
		return
	}
	s.route(w, r)
}

// unsupportedContentType checks that a request with a body declares a
// content type the REST layer accepts (strict since 6.0).
func unsupportedContentType(r *http.Request) (string, bool) {
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		return "", true
	}
	ct := r.Header.Get("Content-Type")
	media, _, _ := strings.Cut(strings.ToLower(ct), ";")
	switch strings.TrimSpace(media) {
	case "application/json", "application/x-ndjson", "application/yaml", "application/smile", "application/cbor",
		"application/vnd.elasticsearch+json", "application/vnd.elasticsearch+x-ndjson":
		return ct, true
	}
	return ct, false
}

// admit counts r and decides whether an injected failure answers it.
func (s *Server) admit(r *http.Request) (status int, injected bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[r.URL.Path]++
	if isBulkPath(r.URL.Path) {
		s.bulkCount++
	}
	if s.down {
		return http.StatusServiceUnavailable, true
	}
	if s.failN > 0 {
		s.failN--
		if s.failStatus < 100 || s.failStatus > 599 {
			return http.StatusInternalServerError, true
		}
		return s.failStatus, true
	}
	return 0, false
}
