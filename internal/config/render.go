package config

import (
	"net/url"
	"strings"

	"github.com/goccy/go-yaml"
)

// Render returns the effective configuration as YAML, the way `logstack
// config` shows what a process would run with: every Secret is replaced by
// "<redacted>", and credentials in queue.url by "xxxxx".
func Render(c *Config) ([]byte, error) {
	cp := *c
	cp.Queue.URL = redactURL(c.Queue.URL)
	return yaml.MarshalWithOptions(&cp, yaml.Indent(2), yaml.IndentSequence(true))
}

// redactURL hides the password of every server in a comma-separated list.
func redactURL(raw string) string {
	if !strings.Contains(raw, "@") {
		return raw
	}
	parts := strings.Split(raw, ",")
	for i, s := range parts {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil {
			parts[i] = redacted
			continue
		}
		if _, hasPW := u.User.Password(); u.User != nil && !hasPW {
			u.User = url.User("xxxxx") // a lone user name may be a NATS token
		}
		parts[i] = u.Redacted()
	}
	return strings.Join(parts, ",")
}
