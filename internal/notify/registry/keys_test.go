package registry

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/logstack/logstack/internal/config"
	"github.com/logstack/logstack/internal/notify/email"
	"github.com/logstack/logstack/internal/notify/opsgenie"
	"github.com/logstack/logstack/internal/notify/pagerduty"
	"github.com/logstack/logstack/internal/notify/slack"
	"github.com/logstack/logstack/internal/notify/sms"
	"github.com/logstack/logstack/internal/notify/teams"
	"github.com/logstack/logstack/internal/notify/webhook"
)

// TestKeysMatchPackages keeps config's per-type structs in step with the
// notify packages: the same yaml keys, plus a <key>_file key for each
// secret, and each type in builders.
func TestKeysMatchPackages(t *testing.T) {
	pkg := map[string]reflect.Type{
		config.NotifierWebhook: reflect.TypeFor[webhook.Config](), config.NotifierSlack: reflect.TypeFor[slack.Config](),
		config.NotifierTeams: reflect.TypeFor[teams.Config](), config.NotifierEmail: reflect.TypeFor[email.Config](),
		config.NotifierSMS: reflect.TypeFor[sms.Config](), config.NotifierPagerDuty: reflect.TypeFor[pagerduty.Config](),
		config.NotifierOpsgenie: reflect.TypeFor[opsgenie.Config](),
	}
	cfg := map[string]reflect.Type{
		config.NotifierWebhook: reflect.TypeFor[config.WebhookNotifier](), config.NotifierSlack: reflect.TypeFor[config.SlackNotifier](),
		config.NotifierTeams: reflect.TypeFor[config.TeamsNotifier](), config.NotifierEmail: reflect.TypeFor[config.EmailNotifier](),
		config.NotifierSMS: reflect.TypeFor[config.SMSNotifier](), config.NotifierPagerDuty: reflect.TypeFor[config.PagerDutyNotifier](),
		config.NotifierOpsgenie: reflect.TypeFor[config.OpsgenieNotifier](),
	}
	for _, typ := range config.NotifierTypes {
		if _, ok := builders[typ]; !ok {
			t.Errorf("no builder for %s", typ)
		}
		want, got := yamlKeys(pkg[typ]), withoutFileKeys(t, cfg[typ])
		if !slices.Equal(want, got) {
			t.Errorf("%s keys: config has %v, package has %v", typ, got, want)
		}
	}
	if w, g := yamlKeys(reflect.TypeFor[opsgenie.Responder]()), yamlKeys(reflect.TypeFor[config.OpsgenieResponder]()); !slices.Equal(w, g) {
		t.Errorf("opsgenie responder keys: config has %v, package has %v", g, w)
	}
}

// yamlKeys lists a struct's yaml keys, sorted.
func yamlKeys(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// withoutFileKeys lists a config struct's keys without the <key>_file
// keys of its Secret keys; any other _file key (email's ca_file) is an
// ordinary setting the package must have too.
func withoutFileKeys(t *testing.T, typ reflect.Type) []string {
	t.Helper()
	secrets := map[string]bool{}
	for i := range typ.NumField() {
		if typ.Field(i).Type == reflect.TypeFor[config.Secret]() {
			secrets[typ.Field(i).Tag.Get("yaml")] = true
		}
	}
	var out []string
	for _, k := range yamlKeys(typ) {
		if base, ok := strings.CutSuffix(k, "_file"); ok && secrets[base] {
			continue
		}
		out = append(out, k)
	}
	return out
}
