package esfake

import "testing"

func TestRootByVersion(t *testing.T) {
	for _, tc := range []struct {
		dist, number       string
		wantDistribution   string
		wantProductHeader  bool
		wantTaglineContain string
	}{
		{"elasticsearch", "8.15.0", "<nil>", true, "You Know, for Search"},
		{"elasticsearch", "7.10.2", "<nil>", false, "You Know, for Search"},
		{"elasticsearch", "7.5.0", "<nil>", false, "You Know, for Search"},
		{"elasticsearch", "7.17.9", "<nil>", true, "You Know, for Search"},
		{"opensearch", "2.11.0", "opensearch", false, "The OpenSearch Project: https://opensearch.org/"},
		{"opensearch", "1.3.0", "opensearch", false, "The OpenSearch Project: https://opensearch.org/"},
	} {
		t.Run(tc.dist+"-"+tc.number, func(t *testing.T) {
			s := Start(t, WithVersion(tc.dist, tc.number))
			status, raw, hdr := callRaw(t, s, "GET", "/", "")
			if status != 200 {
				t.Fatalf("status %d: %s", status, raw)
			}
			_, out := call(t, s, "GET", "/", "")
			if got := str(dig(out, "version", "number")); got != tc.number {
				t.Errorf("version.number %s, want %s", got, tc.number)
			}
			if got := str(dig(out, "version", "distribution")); got != tc.wantDistribution {
				t.Errorf("version.distribution %s, want %s", got, tc.wantDistribution)
			}
			if got := str(out["tagline"]); got != tc.wantTaglineContain {
				t.Errorf("tagline %q", got)
			}
			for _, k := range []string{"name", "cluster_name", "cluster_uuid"} {
				if out[k] == nil {
					t.Errorf("missing %s", k)
				}
			}
			if got := hdr.Get("X-Elastic-Product") == "Elasticsearch"; got != tc.wantProductHeader {
				t.Errorf("X-Elastic-Product present=%v, want %v", got, tc.wantProductHeader)
			}
		})
	}
}

func TestDefaultVersionIs8(t *testing.T) {
	s := Start(t)
	out := mustCall(t, s, 200, "GET", "/", "")
	if got := str(dig(out, "version", "number")); got != "8.15.0" {
		t.Fatalf("default version %s", got)
	}
}

func TestUnknownPathAndMethod(t *testing.T) {
	s := Start(t)
	status, out := call(t, s, "GET", "/_nonsense", "")
	if status != 400 || str(out["status"]) != "400" {
		t.Fatalf("unknown path: %d %v", status, out)
	}
	status, out = call(t, s, "DELETE", "/_bulk", "")
	if status != 405 {
		t.Fatalf("wrong method: %d %v", status, out)
	}
}

func TestContentTypeRequired(t *testing.T) {
	s := Start(t)
	req := "{\"create\":{\"_index\":\"a\",\"_id\":\"1\"}}\n{}\n"
	status, raw, _ := callRawType(t, s, "POST", "/_bulk", req, "text/plain")
	if status != 406 {
		t.Fatalf("text/plain bulk: %d %s", status, raw)
	}
	status, raw, _ = callRawType(t, s, "POST", "/_bulk", req, "application/x-ndjson")
	if status != 200 {
		t.Fatalf("ndjson bulk: %d %s", status, raw)
	}
}
