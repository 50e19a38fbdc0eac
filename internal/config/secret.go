package config

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
)

// redacted replaces a non-empty secret wherever it would be shown.
const redacted = "<redacted>"

// Secret is a credential (an API key, a token). It comes only from the
// environment or a file, and prints as "<redacted>" through fmt, slog, JSON
// and YAML so that it cannot leak into logs, errors or Render's output; only
// Value gives the plaintext.
type Secret string

// Value returns the plaintext, for the one place that needs it.
func (s Secret) Value() string { return string(s) }

// String returns "<redacted>", or "" for an empty secret so that "not set"
// stays visible.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// Format keeps every fmt verb (%v, %s, %q, %x, %d, %#v) from printing the
// plaintext.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = io.WriteString(f, strconv.Quote(s.String()))
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// LogValue redacts the secret in slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalYAML redacts the secret in YAML output.
func (s Secret) MarshalYAML() (any, error) { return s.String(), nil }

// MarshalJSON redacts the secret in JSON output.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }
