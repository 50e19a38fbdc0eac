package config

import (
	"errors"
	"testing"
)

func TestExpand(t *testing.T) {
	env := map[string]string{"HOST": "db.local", "EMPTY": "", "NL": "a\nb", "PORT": "5432"}
	x := &expander{
		lookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		vars:      map[string]string{"REGION": "eu-1", "dotted.key-1": "v", "MULTI": "x\ny"},
	}
	tests := []struct {
		in        string
		allowVars bool
		want      string
		found     bool
		errs      []error
	}{
		{"plain text", true, "plain text", false, nil},
		{"${HOST}", true, "db.local", true, nil},
		{"postgres://${HOST}:${PORT}/x", true, "postgres://db.local:5432/x", true, nil},
		{"${MISSING:-fallback}", true, "fallback", true, nil},
		{"${EMPTY:-fallback}", true, "fallback", true, nil},
		{"${EMPTY}", true, "", true, nil},
		{"${MISSING:-}", true, "", true, nil},
		{"${MISSING:-a:-b}", true, "a:-b", true, nil},
		{"$${HOST} costs $5", true, "${HOST} costs $5", false, nil},
		{"$HOST", true, "$HOST", false, nil},
		{"@@REGION@@", true, "eu-1", true, nil},
		{"x-@@dotted.key-1@@-@@REGION@@", true, "x-v-eu-1", true, nil},
		{"user@@example.com", true, "user@@example.com", false, nil},
		{"a@@b c@@", true, "a@@b c@@", false, nil},
		{"@@@@", true, "@@@@", false, nil},
		{"${MISSING}", true, "", true, []error{ErrUnsetVar}},
		{"${MISSING} ${ALSO}", true, " ", true, []error{ErrUnsetVar, ErrUnsetVar}},
		{"@@NOPE@@", true, "", true, []error{ErrUndefinedToken}},
		{"@@REGION@@", false, "", true, []error{ErrBadToken}},
		{"${NL}", true, "a\nb", true, []error{ErrNewline}},
		{"@@MULTI@@", true, "x\ny", true, []error{ErrNewline}},
		{"${1BAD}", true, "${1BAD}", false, []error{ErrBadToken}},
		{"${}", true, "${}", false, []error{ErrBadToken}},
		{"${OPEN", true, "${OPEN", false, []error{ErrBadToken}},
		{"${A-b}", true, "${A-b}", false, []error{ErrBadToken}},
	}
	for _, tt := range tests {
		got, found, issues := x.expand(tt.in, tt.allowVars)
		if len(tt.errs) == 0 && got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if found != tt.found {
			t.Errorf("expand(%q) found = %v, want %v", tt.in, found, tt.found)
		}
		if len(issues) != len(tt.errs) {
			t.Errorf("expand(%q) issues = %v, want %v", tt.in, issues, tt.errs)
			continue
		}
		for i, is := range issues {
			if !errors.Is(is.err, tt.errs[i]) {
				t.Errorf("expand(%q) issue %d = %v, want %v", tt.in, i, is.err, tt.errs[i])
			}
		}
	}
}

func TestMaskRoundTrip(t *testing.T) {
	for _, in := range []string{
		"a: @@X@@\n",
		"keys: [${A}, ${B:-x, y}]\n",
		"# ${comment} @@C@@\nb: '${Q}'\n",
		"plain: no tokens {here}\n",
	} {
		if got := unmask(string(mask([]byte(in)))); got != in {
			t.Errorf("unmask(mask(%q)) = %q", in, got)
		}
	}
}
