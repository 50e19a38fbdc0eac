package notify

import (
	"errors"
	"slices"
	"testing"
)

func TestCheckURLAndSecrets(t *testing.T) {
	for _, bad := range []string{"", "hooks.slack.com/x", "ftp://h/x", "http://", "::"} {
		if _, err := CheckURL(bad); !errors.Is(err, ErrBadURL) {
			t.Errorf("CheckURL(%q) = %v, want ErrBadURL", bad, err)
		}
	}
	u, err := CheckURL("https://user:pw@hooks.example.com/services/T0/B1/XYZ?token=abc")
	if err != nil {
		t.Fatal(err)
	}
	got := URLSecrets(u)
	for _, want := range []string{"/services/T0/B1/XYZ", "token=abc", "user:pw"} {
		if !slices.Contains(got, want) {
			t.Errorf("URLSecrets = %q, missing %q", got, want)
		}
	}
}
