package s3hook

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/auth"
	"github.com/logstack/logstack/internal/input/s3notify"
)

const (
	topic   = "arn:aws:sns:eu-west-1:123456789012:alb-logs"
	certURL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem"
	minioOK = `{"EventName":"s3:ObjectCreated:Put","Key":"logs/a.log.gz","Records":[{"eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"logs"},"object":{"key":"a.log.gz","size":3}}}]}`
	awsRec  = `{"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"alb"},"object":{"key":"x.log.gz","versionId":"v9"}}}]}`
)

// signer is a test SNS: a generated key and self-signed certificate.
type signer struct {
	key     *rsa.PrivateKey
	certPEM []byte
}

func newSigner(t testing.TB) *signer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "sns.amazonaws.com"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &signer{key: key, certPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// sign fills the signature fields of m with SignatureVersion version.
func (s *signer) sign(t *testing.T, m *snsMessage, version string) {
	t.Helper()
	m.SignatureVersion, m.SigningCertURL = version, certURL
	h, sum := crypto.SHA256, func(b []byte) []byte { d := sha256.Sum256(b); return d[:] }
	if version == "1" {
		h, sum = crypto.SHA1, func(b []byte) []byte { d := sha1.Sum(b); return d[:] }
	}
	sig, err := rsa.SignPKCS1v15(rand.Reader, s.key, h, sum([]byte(stringToSign(m))))
	if err != nil {
		t.Fatal(err)
	}
	m.Signature = base64.StdEncoding.EncodeToString(sig)
}

type fixture struct {
	srv       *httptest.Server
	mu        sync.Mutex
	objects   []s3notify.Object
	fail      error
	fetches   atomic.Int32
	confirmed atomic.Int32
	signer    *signer
}

func setup(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{signer: newSigner(t)}
	// A TLS server standing in for sns.<region>.amazonaws.com: the client
	// dials it whatever the host, and trusts its certificate.
	snsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("Action") == "ConfirmSubscription" && r.URL.Query().Get("Token") == "tok" {
			f.confirmed.Add(1)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(snsSrv.Close)
	client := snsSrv.Client()
	client.Transport.(*http.Transport).DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, snsSrv.Listener.Addr().String())
	}
	client.Transport.(*http.Transport).TLSClientConfig = &tls.Config{RootCAs: snsSrv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs, ServerName: "example.com"}
	disp := &s3notify.Dispatcher{
		Input:       "s3_webhook",
		DeadLetters: s3notify.NewFileDeadLetters(filepath.Join(t.TempDir(), "dl.jsonl")),
		Metrics:     s3notify.NewMetrics(nil),
		Handler: s3notify.HandlerFunc(func(_ context.Context, o s3notify.Object) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.fail != nil {
				return f.fail
			}
			f.objects = append(f.objects, o)
			return nil
		}),
	}
	hook := New(Config{
		Auth:       auth.New([]string{"minio-key"}),
		SNSTopics:  []string{topic},
		HTTPClient: client,
		FetchCert: func(_ context.Context, url string) ([]byte, error) {
			f.fetches.Add(1)
			if url != certURL {
				return nil, errors.New("unexpected certificate url " + url)
			}
			return f.signer.certPEM, nil
		},
	}, disp, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	mux := http.NewServeMux()
	hook.Register(mux)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) post(t *testing.T, body string, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+DefaultPath, strings.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (f *fixture) postSNS(t *testing.T, m *snsMessage) (int, string) {
	t.Helper()
	b, _ := json.Marshal(m)
	return f.post(t, string(b), map[string]string{"X-Amz-Sns-Message-Type": m.Type})
}

func (f *fixture) keys() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, o := range f.objects {
		out = append(out, o.Bucket+"/"+o.Key)
	}
	return out
}

func TestMinIOWebhook(t *testing.T) {
	f := setup(t)
	auth := map[string]string{"Authorization": "ApiKey minio-key"}
	cases := []struct {
		name string
		body string
		hdr  map[string]string
		want int
	}{
		{"no key", minioOK, nil, http.StatusUnauthorized},
		{"wrong key", minioOK, map[string]string{"Authorization": "ApiKey nope"}, http.StatusForbidden},
		{"malformed", `{"Records":`, auth, http.StatusBadRequest},
		{"not a notification", `{"a":1}`, auth, http.StatusBadRequest},
		{"ok", minioOK, auth, http.StatusOK},
		{"bearer token as MinIO sends a one-word auth_token", minioOK, map[string]string{"Authorization": "Bearer minio-key"}, http.StatusOK},
		{"too large", strings.Repeat(" ", defaultMaxBody+1), auth, http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		if got, body := f.post(t, c.body, c.hdr); got != c.want {
			t.Errorf("%s: status %d (%s), want %d", c.name, got, body, c.want)
		}
	}
	if got := f.keys(); len(got) != 2 || got[0] != "logs/a.log.gz" {
		t.Fatalf("processed %v", got)
	}
	f.fail = errors.New("queue full")
	if got, _ := f.post(t, minioOK, auth); got != http.StatusServiceUnavailable {
		t.Fatalf("a retryable failure must be answered 503 so MinIO retries, got %d", got)
	}
}

func TestSNSNotification(t *testing.T) {
	f := setup(t)
	subject := "Amazon S3 Notification"
	for _, v := range []string{"1", "2"} {
		m := &snsMessage{Type: "Notification", MessageId: "m-" + v, TopicArn: topic, Subject: &subject, Message: awsRec, Timestamp: "2026-12-04T10:00:00.000Z"}
		f.signer.sign(t, m, v)
		if got, body := f.postSNS(t, m); got != http.StatusOK {
			t.Fatalf("SignatureVersion %s: %d %s", v, got, body)
		}
	}
	if got := f.keys(); len(got) != 2 || got[1] != "alb/x.log.gz" {
		t.Fatalf("processed %v", got)
	}
	if n := f.fetches.Load(); n != 1 {
		t.Fatalf("certificate fetched %d times, want once (cached)", n)
	}
}

func TestSNSRejected(t *testing.T) {
	f := setup(t)
	sign := func(mut func(*snsMessage), after func(*snsMessage)) *snsMessage {
		m := &snsMessage{Type: "Notification", MessageId: "m", TopicArn: topic, Message: awsRec, Timestamp: "2026-12-04T10:00:00.000Z"}
		if mut != nil {
			mut(m)
		}
		f.signer.sign(t, m, "2")
		if after != nil {
			after(m)
		}
		return m
	}
	cases := []struct {
		name string
		m    *snsMessage
		want int
	}{
		{"tampered message", sign(nil, func(m *snsMessage) { m.Message = strings.Replace(m.Message, "x.log", "y.log", 1) }), http.StatusForbidden},
		{"topic not allowed", sign(func(m *snsMessage) { m.TopicArn = "arn:aws:sns:eu-west-1:666:evil" }, nil), http.StatusForbidden},
		{"http certificate url", sign(nil, func(m *snsMessage) { m.SigningCertURL = "http://sns.eu-west-1.amazonaws.com/c.pem" }), http.StatusForbidden},
		{"foreign certificate host", sign(nil, func(m *snsMessage) { m.SigningCertURL = "https://sns.eu-west-1.amazonaws.com.evil.example/c.pem" }), http.StatusForbidden},
		{"unknown signature version", sign(nil, func(m *snsMessage) { m.SignatureVersion = "3" }), http.StatusForbidden},
		{"bad base64", sign(nil, func(m *snsMessage) { m.Signature = "%%%" }), http.StatusForbidden},
	}
	for _, c := range cases {
		if got, body := f.postSNS(t, c.m); got != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, got, body, c.want)
		}
	}
	if got := f.keys(); len(got) != 0 {
		t.Fatalf("rejected messages were processed: %v", got)
	}
	if n := f.fetches.Load(); n > 1 {
		t.Fatalf("certificates fetched %d times; untrusted URLs must never be fetched", n)
	}
}

func TestSNSSubscriptionConfirmation(t *testing.T) {
	f := setup(t)
	m := &snsMessage{Type: "SubscriptionConfirmation", MessageId: "c1", Token: "tok", TopicArn: topic,
		Message:      "You have chosen to subscribe to the topic",
		SubscribeURL: "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=tok",
		Timestamp:    "2026-12-04T10:00:00.000Z"}
	f.signer.sign(t, m, "1")
	if got, body := f.postSNS(t, m); got != http.StatusOK || f.confirmed.Load() != 1 {
		t.Fatalf("confirmation: %d %s, confirmed %d", got, body, f.confirmed.Load())
	}
	evil := *m
	evil.SubscribeURL = "https://attacker.example/?Action=ConfirmSubscription&Token=tok"
	f.signer.sign(t, &evil, "1")
	if got, _ := f.postSNS(t, &evil); got != http.StatusForbidden || f.confirmed.Load() != 1 {
		t.Fatalf("a SubscribeURL off SNS hosts was visited: %d", got)
	}
}

func TestSNSTestEventAndPoison(t *testing.T) {
	f := setup(t)
	for _, msg := range []string{`{"Service":"Amazon S3","Event":"s3:TestEvent"}`, `not json at all`} {
		m := &snsMessage{Type: "Notification", MessageId: "t", TopicArn: topic, Message: msg, Timestamp: "2026-12-04T10:00:00.000Z"}
		f.signer.sign(t, m, "2")
		if got, body := f.postSNS(t, m); got != http.StatusOK {
			t.Fatalf("%s: %d %s", msg, got, body)
		}
	}
	if got := f.keys(); len(got) != 0 {
		t.Fatalf("processed %v", got)
	}
}
