package notify

import (
	"sync"
	"testing"
)

func TestTemplateRender(t *testing.T) {
	f := func(text, fallback, want string) {
		t.Helper()
		tmpl, err := ParseTemplate("t", text)
		if err != nil {
			t.Fatal(err)
		}
		n := Notification{Rule: "r1", State: StateFiring, Matches: 3, Subject: "subj",
			Labels: map[string]string{"host": "web-1"}, Fields: map[string]any{"code": 502}}
		got, err := tmpl.Render(n, fallback)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("render %q = %q, want %q", text, got, want)
		}
	}
	f("", "fallback", "fallback")
	f("[{{.State | upper}}] {{.Rule}}: {{.Matches}} on {{label \"host\"}}", "", "[FIRING] r1: 3 on web-1")
	f("{{.Labels.host}} {{.Labels.missing}}|", "", "web-1 |")
	f("{{default \"none\" .Severity}}", "", "none")
	f("{{truncate 5 \"abcdefgh\"}}", "", "abcd…")
	f("{{json .Fields}}", "", `{"code":502}`)
	f("{{.Subject | lower}}", "", "subj")
}

func TestTemplateErrors(t *testing.T) {
	if _, err := ParseTemplate("bad", "{{.Rule"); err == nil {
		t.Error("parse error not reported")
	}
	tmpl, err := ParseTemplate("exec", "{{.Rule.Nope}}")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmpl.Render(Notification{}, ""); !IsPermanent(err) {
		t.Errorf("render error %v, want permanent", err)
	}
}

func TestTruncate(t *testing.T) {
	if Truncate(3, "héllo") != "hé…" || Truncate(10, "short") != "short" || Truncate(0, "x") != "x" {
		t.Error("truncate")
	}
}

func TestTemplateConcurrentRender(t *testing.T) {
	tmpl, err := ParseTemplate("c", "{{.Rule}}-{{label \"host\"}}")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			host := string(rune('a' + i))
			got, err := tmpl.Render(Notification{Rule: "r", Labels: map[string]string{"host": host}}, "")
			if err != nil || got != "r-"+host {
				t.Errorf("render %q %v", got, err)
			}
		})
	}
	wg.Wait()
}
