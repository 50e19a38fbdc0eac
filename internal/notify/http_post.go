package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
)

// ErrBadURL is what every HTTP notifier answers for a configured URL that
// it could never post to; the URL itself is not repeated (it is a secret).
var ErrBadURL = errors.New("url must be an absolute http(s) URL")

// CheckURL parses a notifier's URL, refusing anything but an absolute
// http(s) URL at start-up rather than at the first alert.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, ErrBadURL
	}
	return u, nil
}

// URLSecrets are the parts of a webhook URL that carry its token (the whole
// URL, its query and its path), for HTTPSender.Secrets: chat webhooks are
// authenticated by their URL alone.
func URLSecrets(u *url.URL) []string {
	secrets := []string{u.String(), u.RawQuery}
	if len(u.Path) > 1 {
		secrets = append(secrets, u.Path)
	}
	if u.User != nil {
		secrets = append(secrets, u.User.String())
	}
	return secrets
}

// PostJSON encodes v, posts it to target with Content-Type
// application/json and the given headers, and returns the body of a 2xx
// answer, classified as Do classifies. Encoding and request errors are
// permanent and never name the URL.
func (s *HTTPSender) PostJSON(ctx context.Context, target string, v any, header http.Header) ([]byte, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, Permanentf("encode body: %w", err)
	}
	return s.Post(ctx, target, "application/json", body, header)
}

// Post sends body to target with the content type and headers, as Do does.
func (s *HTTPSender) Post(ctx context.Context, target, contentType string, body []byte, header http.Header) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, Permanentf("build request: invalid url")
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", contentType)
	return s.Do(req)
}
