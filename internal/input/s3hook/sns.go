package s3hook

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// snsMessage is an SNS HTTP/S delivery.
type snsMessage struct {
	Type             string
	MessageId        string
	Token            string
	TopicArn         string
	Subject          *string // signed only when present
	Message          string
	Timestamp        string
	SignatureVersion string
	Signature        string
	SigningCertURL   string `json:"SigningCertURL"`
	SubscribeURL     string `json:"SubscribeURL"`
}

// DefaultSNSHost matches the hosts SNS signing certificates and
// subscription confirmations are served from.
var DefaultSNSHost = regexp.MustCompile(`^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`)

// errSignature reports an SNS message whose signature does not verify.
var errSignature = errors.New("sns signature invalid")

// CertFetcher returns the PEM certificate at an already validated URL.
type CertFetcher func(ctx context.Context, url string) ([]byte, error)

// verifier checks SNS signatures, caching certificates by URL.
type verifier struct {
	host  *regexp.Regexp
	fetch CertFetcher
	mu    sync.Mutex
	certs map[string]*x509.Certificate
}

// trusted checks that raw is an https URL on an SNS host.
func (v *verifier) trusted(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: url does not parse", errSignature)
	}
	if u.Scheme != "https" || !v.host.MatchString(u.Hostname()) || u.Port() != "" || u.User != nil {
		return fmt.Errorf("%w: %q is not an https SNS URL", errSignature, u.Redacted())
	}
	return nil
}

func (v *verifier) verify(ctx context.Context, m *snsMessage) error {
	var h crypto.Hash
	switch m.SignatureVersion {
	case "1":
		h = crypto.SHA1
	case "2":
		h = crypto.SHA256
	default:
		return fmt.Errorf("%w: unsupported SignatureVersion %q", errSignature, m.SignatureVersion)
	}
	sig, err := base64.StdEncoding.DecodeString(m.Signature)
	if err != nil {
		return fmt.Errorf("%w: Signature is not base64", errSignature)
	}
	cert, err := v.cert(ctx, m.SigningCertURL)
	if err != nil {
		return err
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return fmt.Errorf("%w: certificate key is not RSA", errSignature)
	}
	if err := rsa.VerifyPKCS1v15(pub, h, digest(h, stringToSign(m)), sig); err != nil {
		return fmt.Errorf("%w: %v", errSignature, err)
	}
	return nil
}

func digest(h crypto.Hash, s string) []byte {
	if h == crypto.SHA1 {
		d := sha1.Sum([]byte(s))
		return d[:]
	}
	d := sha256.Sum256([]byte(s))
	return d[:]
}

// stringToSign builds the canonical text SNS signs: "Name\nvalue\n" for
// each signed field in this order (AWS SNS developer guide, "Verifying the
// signatures of Amazon SNS messages").
func stringToSign(m *snsMessage) string {
	var b strings.Builder
	add := func(k, v string) { b.WriteString(k + "\n" + v + "\n") }
	add("Message", m.Message)
	add("MessageId", m.MessageId)
	if m.Type == "Notification" {
		if m.Subject != nil {
			add("Subject", *m.Subject)
		}
	} else {
		add("SubscribeURL", m.SubscribeURL)
	}
	add("Timestamp", m.Timestamp)
	if m.Type != "Notification" {
		add("Token", m.Token)
	}
	add("TopicArn", m.TopicArn)
	add("Type", m.Type)
	return b.String()
}

// maxCerts bounds the certificate cache; SNS uses a handful of URLs.
const maxCerts = 64

func (v *verifier) cert(ctx context.Context, raw string) (*x509.Certificate, error) {
	if err := v.trusted(raw); err != nil {
		return nil, err
	}
	v.mu.Lock()
	c := v.certs[raw]
	v.mu.Unlock()
	if c != nil {
		return c, nil
	}
	data, err := v.fetch(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("fetch sns signing certificate: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("%w: signing certificate is not PEM", errSignature)
	}
	c, err = x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: signing certificate: %v", errSignature, err)
	}
	v.mu.Lock()
	if len(v.certs) >= maxCerts {
		clear(v.certs)
	}
	v.certs[raw] = c
	v.mu.Unlock()
	return c, nil
}

// httpGet fetches a small document with client, for certificates and
// subscription confirmations.
func httpGet(ctx context.Context, client *http.Client, raw string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", resp.Request.URL.Host, resp.Status)
	}
	return body, nil
}
