package esfake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// call sends one request to s and decodes the JSON answer (nil for an
// empty body).
func call(t *testing.T, s *Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	status, raw, _ := callRaw(t, s, method, path, body)
	if len(bytes.TrimSpace(raw)) == 0 {
		return status, nil
	}
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("%s %s: decoding %q: %v", method, path, raw, err)
	}
	return status, out
}

func callRaw(t *testing.T, s *Server, method, path, body string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, raw, resp.Header
}

// mustCall is call that fails the test unless the status is want.
func mustCall(t *testing.T, s *Server, want int, method, path, body string) map[string]any {
	t.Helper()
	status, out := call(t, s, method, path, body)
	if status != want {
		t.Fatalf("%s %s: status %d, want %d; body %v", method, path, status, want, out)
	}
	return out
}

// bulk sends NDJSON lines (each line one JSON value) to /_bulk.
func bulk(t *testing.T, s *Server, lines ...string) map[string]any {
	t.Helper()
	return mustCall(t, s, 200, "POST", "/_bulk", strings.Join(lines, "\n")+"\n")
}

// dig walks a decoded JSON value by keys and array indices ("0").
func dig(v any, path ...string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i := 0
			for _, c := range p {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// str renders a decoded JSON scalar for comparisons.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return x
	case json.Number:
		return string(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// hitIDs lists the _id of each hit of a search response, in order.
func hitIDs(resp map[string]any) []string {
	var ids []string
	list, _ := dig(resp, "hits", "hits").([]any)
	for _, h := range list {
		ids = append(ids, str(dig(h, "_id")))
	}
	return ids
}

func callRawType(t *testing.T, s *Server, method, path, body, contentType string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, resp.Header
}

func itoa(n int) string { return strconv.Itoa(n) }

// post is call for goroutines other than the test's: it reports errors
// instead of ending the test.
func post(s *Server, path, body string) (int, map[string]any, error) {
	resp, err := http.Post(s.URL+path, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, out, nil
}
