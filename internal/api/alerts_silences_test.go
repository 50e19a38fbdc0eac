package api

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/alert"
)

func silenceIDs(l SilenceList) []string {
	var ids []string
	for _, s := range l.Silences {
		ids = append(ids, s.ID+":"+string(s.State))
	}
	return ids
}

func TestSilenceLifecycle(t *testing.T) {
	srv, st := alertsServer(t)
	var created SilenceJSON
	code := call(t, "POST", srv.URL+"/api/v1/silences",
		`{"matchers":[{"name":"rule","value":"latency"}],"duration":"2h","reason":"db upgrade","author":"eve"}`, &created)
	if code != 201 || created.ID == "" || created.State != SilenceActive || !created.StartsAt.Equal(at(10)) ||
		!created.ExpiresAt.Equal(at(130)) || created.Author != "eve" || created.Reason != "db upgrade" {
		t.Fatalf("create: %d %+v", code, created)
	}
	var latency AlertJSON
	if call(t, "GET", srv.URL+"/api/v1/alerts/latency", "", &latency); !slices.Equal(latency.SilencedBy, []string{created.ID}) {
		t.Errorf("latency silenced by %q, want the new silence", latency.SilencedBy)
	}

	var list SilenceList
	call(t, "GET", srv.URL+"/api/v1/silences", "", &list)
	// Active ones by latest expiry first, then expired.
	if want := []string{created.ID + ":active", "deploy:active", "old:expired"}; !slices.Equal(silenceIDs(list), want) {
		t.Errorf("silences %q, want %q", silenceIDs(list), want)
	}
	call(t, "GET", srv.URL+"/api/v1/silences?active=true", "", &list)
	if want := []string{created.ID + ":active", "deploy:active"}; !slices.Equal(silenceIDs(list), want) {
		t.Errorf("active silences %q, want %q", silenceIDs(list), want)
	}

	var expired SilenceJSON
	if code := call(t, "DELETE", srv.URL+"/api/v1/silences/"+created.ID, "", &expired); code != 200 || expired.State != SilenceExpired || !expired.ExpiresAt.Equal(at(10)) {
		t.Fatalf("unsilence: %d %+v, want expired at %s", code, expired, at(10))
	}
	stored, err := st.Silences(t.Context())
	if i := slices.IndexFunc(stored, func(s alert.Silence) bool { return s.ID == created.ID }); err != nil || i < 0 || stored[i].Active(at(10)) || stored[i].Reason != "db upgrade" {
		t.Fatalf("after unsilence the store holds %+v, %v; want the silence kept, expired", stored, err)
	}
	if call(t, "GET", srv.URL+"/api/v1/alerts/latency", "", &latency); len(latency.SilencedBy) != 0 {
		t.Errorf("latency still silenced by %q", latency.SilencedBy)
	}
	// Expiring again changes nothing; an unknown silence is 404.
	if code := call(t, "DELETE", srv.URL+"/api/v1/silences/old", "", &expired); code != 200 || !expired.ExpiresAt.Equal(at(-30)) {
		t.Errorf("unsilence of an expired silence: %d %+v, want it unchanged", code, expired)
	}
	if code := call(t, "DELETE", srv.URL+"/api/v1/silences/nope", "", nil); code != 404 {
		t.Errorf("unsilence of an unknown silence: %d, want 404", code)
	}
}

func TestSilenceStartsLaterAndExpiresAt(t *testing.T) {
	srv, _ := alertsServer(t)
	var s SilenceJSON
	code := call(t, "POST", srv.URL+"/api/v1/silences",
		`{"matchers":[{"name":"query_key","value":"web-1"}],"starts_at":"2026-12-05T09:00:00Z","expires_at":"2026-12-05T10:00:00Z","reason":"r","author":"a"}`, &s)
	if code != 201 || s.State != SilencePending || !s.StartsAt.Equal(at(60)) || !s.ExpiresAt.Equal(at(120)) {
		t.Fatalf("pending silence: %d %+v", code, s)
	}
	// Unsilencing a pending silence makes sure it never starts.
	if code := call(t, "DELETE", srv.URL+"/api/v1/silences/"+s.ID, "", &s); code != 200 || s.State != SilenceExpired || s.StartsAt.After(at(10)) {
		t.Fatalf("unsilence pending: %d %+v", code, s)
	}
}

func TestSilenceBadRequests(t *testing.T) {
	srv, st := alertsServer(t)
	f := func(body, wantParam, wantInError string) {
		t.Helper()
		var out map[string]any
		code := call(t, "POST", srv.URL+"/api/v1/silences", body, &out)
		if msg, _ := out["error"].(string); code != 400 || out["param"] != wantParam || !strings.Contains(msg, wantInError) {
			t.Errorf("%s: %d %v, want 400 on %s mentioning %q", body, code, out, wantParam, wantInError)
		}
	}
	const ok = `"reason":"r","author":"a"`
	m := `"matchers":[{"name":"rule","value":"x"}]`
	f(`{`+m+`,"duration":"1h",`+ok+`,"id":"mine"}`, "id", "assigned by the server")
	f(`{"duration":"1h",`+ok+`}`, "matchers", "required")
	f(`{"matchers":[],"duration":"1h",`+ok+`}`, "matchers", "required")
	f(`{"matchers":[{"name":"","value":"x"}],"duration":"1h",`+ok+`}`, "matchers[0].name", "required")
	f(`{"matchers":[{"name":"rule","value":"x"},{"name":"team","value":""}],"duration":"1h",`+ok+`}`, "matchers[1].value", "required")
	f(`{"matchers":[{"name":"rule","value":"x"},{"name":"rule","value":"y"}],"duration":"1h",`+ok+`}`, "matchers[1].name", "twice")
	f(`{"matchers":[{"name":"a b","value":"x"}],"duration":"1h",`+ok+`}`, "matchers[0].name", "space")
	f(`{`+m+`,`+ok+`}`, "expires_at", "exactly one")
	f(`{`+m+`,"duration":"1h","expires_at":"2026-12-05T12:00:00Z",`+ok+`}`, "expires_at", "exactly one")
	f(`{`+m+`,"expires_at":"2026-12-05T08:05:00Z",`+ok+`}`, "expires_at", "not after starts_at")
	f(`{`+m+`,"expires_at":"2030-01-01T00:00:00Z",`+ok+`}`, "expires_at", "more than")
	f(`{`+m+`,"duration":"-1h",`+ok+`}`, "duration", "positive")
	f(`{`+m+`,"duration":"soon",`+ok+`}`, "duration", "soon")
	f(`{`+m+`,"duration":"400d",`+ok+`}`, "duration", "up to")
	f(`{`+m+`,"duration":"1h","author":"a"}`, "reason", "required")
	f(`{`+m+`,"duration":"1h","reason":"r","author":" "}`, "author", "required")
	f(`{`+m+`,"duration":"1h",`+ok+`,"comment":"x"}`, "body", `unknown field "comment"`)
	f(`[]`, "body", "cannot unmarshal")

	stored, err := st.Silences(t.Context())
	if err != nil || len(stored) != 2 {
		t.Fatalf("refused silences were stored: %+v %v", stored, err)
	}
}

// FuzzSilenceRequest checks that no body panics the create path and that
// whatever it accepts is a silence the engine can use: some matchers, an
// end after its start, a reason and an author.
func FuzzSilenceRequest(f *testing.F) {
	f.Add([]byte(`{"matchers":[{"name":"rule","value":"x"}],"duration":"2h","reason":"r","author":"a"}`))
	f.Add([]byte(`{"matchers":[{"name":"team","value":"web"}],"starts_at":"2026-12-05T09:00:00Z","expires_at":"2026-12-05T10:00:00Z","reason":"r","author":"a"}`))
	f.Add([]byte(`{"matchers":[{"name":"rule","value":"x"}],"duration":"9999999999w","reason":"r","author":"a"}`))
	now := at(10)
	f.Fuzz(func(t *testing.T, body []byte) {
		var req SilenceRequest
		if err := decodeJSON(body, &req); err != nil {
			var re *requestError
			if !errors.As(err, &re) {
				t.Fatalf("decode error %v is not a request error", err)
			}
			return
		}
		s, err := newSilence(req, now)
		if err != nil {
			return
		}
		if len(s.Matchers) == 0 || !s.ExpiresAt.After(s.StartsAt) || s.StartsAt.Before(now) ||
			s.ExpiresAt.Sub(s.StartsAt) > maxSilence || s.Reason == "" || s.Author == "" {
			t.Fatalf("accepted %s as %+v", body, s)
		}
	})
}
