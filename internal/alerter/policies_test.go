package alerter

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/alert"
)

var (
	testNotifiers = []string{"chat", "email", "sms"}
	pagerPolicy   = alert.Policy{Name: "pager", Levels: []alert.Level{
		{Notifiers: []string{"chat"}},
		{Delay: 15 * time.Minute, Notifiers: []string{"email", "sms"}},
	}}
)

// TestPoliciesResolve is the table of "Policy names" in HELPERS.md: what a
// rule's alert list or an alarm's actions resolve to.
func TestPoliciesResolve(t *testing.T) {
	set, resolve, err := Policies(testNotifiers, []alert.Policy{pagerPolicy}, "")
	if err != nil {
		t.Fatal(err)
	}
	f := func(names []string, want, wantErr string) {
		t.Helper()
		got, err := resolve(names)
		switch {
		case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
			t.Errorf("resolve(%q) = %q, %v; want error containing %q", names, got, err, wantErr)
		case wantErr == "" && (err != nil || got != want):
			t.Errorf("resolve(%q) = %q, %v; want %q", names, got, err, want)
		}
	}
	f(nil, "", "")
	f([]string{"pager"}, "pager", "")
	f([]string{"chat"}, "notifier:chat", "")
	f([]string{"chat", "chat"}, "notifier:chat", "")
	f([]string{"notifier:sms"}, "notifier:sms", "")
	f([]string{"chat", "sms"}, "notifiers:chat,sms", "")
	f([]string{"sms", "chat", "sms"}, "notifiers:sms,chat", "")
	f([]string{"pgaer"}, "", `"pgaer" is neither a notifier nor an escalation policy`)
	f([]string{"chat", "pager"}, "", `escalation policy "pager": a policy cannot be combined`)
	f([]string{"pager", "chat"}, "", `escalation policy "pager": a policy cannot be combined`)
	f([]string{"chat", "nobody"}, "", `"nobody" is neither`)
	f([]string{""}, "", `"" is neither`)

	cfg := set.Config()
	var names []string
	for _, p := range cfg.Policies {
		names = append(names, p.Name)
	}
	want := []string{"pager", "notifier:chat", "notifier:email", "notifier:sms", "notifiers:chat,sms", "notifiers:sms,chat"}
	if !slices.Equal(names, want) {
		t.Errorf("policies %q, want %q", names, want)
	}
	if l := cfg.Policies[4].Levels; len(l) != 1 || l[0].Delay != 0 || !slices.Equal(l[0].Notifiers, []string{"chat", "sms"}) {
		t.Errorf("combined policy levels %+v, want one level, delay 0, [chat sms]", l)
	}
	if _, err := alert.NewEngine(cfg); err != nil {
		t.Errorf("the engine refuses the synthesized policies: %v", err)
	}
	f([]string{"chat", "sms"}, "notifiers:chat,sms", "")
	f([]string{"email", "sms"}, "", "resolved after the alert engine was built")
}

// TestPoliciesErrors lists the configurations Policies refuses, each error
// naming the offending name.
func TestPoliciesErrors(t *testing.T) {
	f := func(notifiers []string, policies []alert.Policy, def string, wantErrs ...string) {
		t.Helper()
		_, _, err := Policies(notifiers, policies, def)
		if err == nil {
			t.Fatalf("Policies(%q, %+v, %q) = nil error, want %q", notifiers, policies, def, wantErrs)
		}
		for _, w := range wantErrs {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q does not contain %q", err, w)
			}
		}
	}
	one := func(name string, notifiers ...string) alert.Policy {
		return alert.Policy{Name: name, Levels: []alert.Level{{Notifiers: notifiers}}}
	}
	f(testNotifiers, []alert.Policy{one("chat", "email")}, "", `escalation policy "chat": a notifier has the same name`)
	f(testNotifiers, []alert.Policy{one("p", "pager")}, "", `escalation policy "p" level 1: unknown notifier "pager"`)
	f(testNotifiers, []alert.Policy{one("p", "chat"), one("p", "sms")}, "", `escalation policy "p" defined twice`)
	f(testNotifiers, []alert.Policy{one("notifier:x", "chat")}, "", `escalation policy "notifier:x": names starting with`)
	f(testNotifiers, nil, "pager", `default escalation policy: "pager" is neither`)
	f([]string{"a,b"}, nil, "", `notifier name "a,b"`)
	f(testNotifiers, []alert.Policy{one("chat", "x"), one("q", "y")}, "", `"chat"`, `unknown notifier "x"`, `unknown notifier "y"`)
}

// TestPoliciesDefault resolves the default policy like any other name: a
// notifier name is accepted and becomes its one-level policy.
func TestPoliciesDefault(t *testing.T) {
	f := func(def, want string) {
		t.Helper()
		set, _, err := Policies(testNotifiers, []alert.Policy{pagerPolicy}, def)
		if err != nil {
			t.Fatal(err)
		}
		if got := set.Config().DefaultPolicy; got != want {
			t.Errorf("default %q -> %q, want %q", def, got, want)
		}
	}
	f("", "")
	f("pager", "pager")
	f("email", "notifier:email")
}

func TestPolicySetNotifiers(t *testing.T) {
	set, _, err := Policies([]string{"chat", "mail", "sms"}, []alert.Policy{{Name: "pager", Levels: []alert.Level{
		{Notifiers: []string{"chat"}}, {Delay: time.Minute, Notifiers: []string{"sms", "mail"}}}}}, "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := set.Notifiers([]string{"pager", "chat"})
	if err != nil || strings.Join(got, ",") != "chat,mail,sms" {
		t.Fatalf("Notifiers(pager, chat) = %v, %v", got, err)
	}
	if _, err := set.Notifiers([]string{"pagr"}); err == nil || !strings.Contains(err.Error(), `"pagr"`) {
		t.Fatalf("unknown name: %v", err)
	}
}
