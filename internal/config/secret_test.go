package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

func TestSecretNeverPrints(t *testing.T) {
	const plain = "hunter2-plaintext"
	s := Secret(plain)
	holder := struct {
		Token Secret
		Keys  []Secret
	}{s, []Secret{s}}

	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10s"} {
		outputs = append(outputs, fmt.Sprintf(verb, s), fmt.Sprintf(verb, holder))
	}
	outputs = append(outputs, s.String(), fmt.Sprint(s), fmt.Sprintln(holder))
	js, _ := json.Marshal(holder)
	ym, _ := yaml.Marshal(holder)
	outputs = append(outputs, string(js), string(ym))
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "token", s, "holder", holder)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "token", s, "holder", holder)
	outputs = append(outputs, logs.String())

	for _, out := range outputs {
		if strings.Contains(out, plain) || strings.Contains(out, fmt.Sprintf("%x", plain)) {
			t.Errorf("secret leaked: %s", out)
		}
	}
	if s.Value() != plain {
		t.Errorf("Value() = %q", s.Value())
	}
	if got := fmt.Sprintf("%v|%q", s, Secret("")); got != `<redacted>|""` {
		t.Errorf("formatting = %q", got)
	}
}
