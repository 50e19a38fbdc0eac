package elasticsearch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"
)

// TestAuthHeaders checks every request of a start and a write carries the
// configured credentials.
func TestAuthHeaders(t *testing.T) {
	f := func(change func(o *Options), check func(r request) string) {
		t.Helper()
		rc := &recorder{}
		rc.on("GET /", func(r request) (int, string) {
			if r.path != "/" {
				return 0, ""
			}
			if r.header.Get("Authorization") == "" {
				return 401, `{"error":{"type":"security_exception","reason":"missing authentication credentials"},"status":401}`
			}
			return 200, `{"version":{"number":"8.15.0"}}`
		})
		rc.on("POST /_bulk", func(r request) (int, string) { return 200, allCreated(len(bulkLines(t, r.body))) })
		s := openAt(t, startRecorder(t, rc), change)
		if _, err := s.Write(t.Context(), events("a")); err != nil {
			t.Fatal(err)
		}
		if err := s.Ping(t.Context()); err != nil {
			t.Fatal(err)
		}
		for _, r := range rc.requests("") {
			if problem := check(r); problem != "" {
				t.Errorf("%s %s: %s", r.method, r.path, problem)
			}
		}
	}
	f(func(o *Options) { o.Username, o.Password = "elastic", "pw" }, func(r request) string {
		if r.header.Get("Authorization") != "Basic ZWxhc3RpYzpwdw==" {
			return "Authorization " + r.header.Get("Authorization")
		}
		return ""
	})
	f(func(o *Options) { o.APIKey = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" }, func(r request) string {
		if r.header.Get("Authorization") != "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==" {
			return "Authorization " + r.header.Get("Authorization")
		}
		return ""
	})
	sigv4 := regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/eu-west-1/(es|aoss)/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$`)
	for _, service := range []string{"es", "aoss"} {
		f(func(o *Options) {
			o.AWSRegion, o.AWSService = "eu-west-1", service
			o.AWSCredentials = credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")
		}, func(r request) string {
			if service == "aoss" && r.path == "/" {
				return "GET / sent to OpenSearch Serverless, which has no such endpoint"
			}
			a := r.header.Get("Authorization")
			if !sigv4.MatchString(a) || !strings.Contains(a, "/"+service+"/") || r.header.Get("X-Amz-Date") == "" {
				return "Authorization " + a
			}
			sum := sha256.Sum256(r.body)
			hash := r.header.Get("X-Amz-Content-Sha256")
			if service == "aoss" && hash != hex.EncodeToString(sum[:]) {
				return "X-Amz-Content-Sha256 " + hash
			}
			if service == "aoss" && !strings.Contains(a, "x-amz-content-sha256") {
				return "payload hash not signed: " + a
			}
			return ""
		})
	}
}

// TestTLSCA checks that a CA file makes an https cluster trusted, and
// that without it the certificate is refused.
func TestTLSCA(t *testing.T) {
	rc := &recorder{version: "8.15.0"}
	srv := httptest.NewUnstartedServer(rc)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake below
	srv.StartTLS()
	t.Cleanup(srv.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	cert := srv.Certificate()
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	openAt(t, srv.URL, func(o *Options) { o.CAFile = ca })
	if _, err := Open(t.Context(), Options{URLs: []string{srv.URL}}, nil, nil); err == nil {
		t.Fatal("untrusted certificate accepted")
	}
	if _, err := Open(t.Context(), Options{URLs: []string{srv.URL}, CAFile: filepath.Join(t.TempDir(), "none.pem")}, nil, nil); err == nil {
		t.Fatal("missing CA file accepted")
	}
}

// TestFailover checks that a node that cannot be reached is skipped.
func TestFailover(t *testing.T) {
	rc := &recorder{}
	good := startRecorder(t, rc)
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	s := openAt(t, good, func(o *Options) { o.URLs = []string{down.URL, good} })
	for range 3 {
		if _, err := s.Stats(t.Context()); err != nil {
			t.Fatalf("stats with one node down: %v", err)
		}
	}
}
