package config

import (
	"strings"
	"testing"
)

// TestAlertingProblems covers each alerting check with its exact location.
func TestAlertingProblems(t *testing.T) {
	env := map[string]string{"U": "https://h.example.com/x", "K": "key", "EMPTY": "", "BAD": "not a url"}
	const hook = "alerting:\n  notifiers:\n    hook:\n      type: webhook\n      url: ${U}\n"
	tests := []struct {
		name, base string
		want       []wantProblem
	}{
		// decoding of the notifier union
		{"key of another type", hook + "      channel: '#ops'\n", []wantProblem{{"logstack.yaml:6:7 alerting.notifiers.hook.channel", ErrUnknownKey}}},
		{"typo", hook + "      hmac_secrt: ${K}\n", []wantProblem{{"logstack.yaml:6:7 alerting.notifiers.hook.hmac_secrt", ErrUnknownKey}}},
		{"missing type", "alerting:\n  notifiers:\n    hook:\n      url: ${U}\n", []wantProblem{{"logstack.yaml:3:5 alerting.notifiers.hook.type", ErrInvalid}}},
		{"unknown type", "alerting:\n  notifiers:\n    hook: {type: slak, url: '${U}'}\n", []wantProblem{{"logstack.yaml:3:18 alerting.notifiers.hook.type", ErrInvalid}}},
		{"type of wrong shape", "alerting:\n  notifiers:\n    hook: {type: [slack]}\n", []wantProblem{{"logstack.yaml:3:18 alerting.notifiers.hook.type", ErrType}}},
		{"null notifier", "alerting:\n  notifiers:\n    hook: ~\n", []wantProblem{{"logstack.yaml:3:5 alerting.notifiers.hook.type", ErrInvalid}}},
		{"notifier not a mapping", "alerting:\n  notifiers:\n    hook: slack\n", []wantProblem{{"logstack.yaml:3:11 alerting.notifiers.hook", ErrType}}},
		{"literal url", "alerting:\n  notifiers:\n    hook: {type: webhook, url: 'https://h.example.com/t'}\n", []wantProblem{{"logstack.yaml:3:32 alerting.notifiers.hook.url", ErrLiteralSecret}}},
		{"literal header", hook + "      headers: {Authorization: Bearer abc}\n", []wantProblem{{"logstack.yaml:6:32 alerting.notifiers.hook.headers.Authorization", ErrLiteralSecret}}},
		{"literal password", "alerting:\n  notifiers:\n    m: {type: email, host: h, from: a@b.c, to: [d@e.f], password: pw}\n", []wantProblem{{"logstack.yaml:3:67 alerting.notifiers.m.password", ErrLiteralSecret}}},
		{"secret and its file", hook + "      url_file: u.txt\n", []wantProblem{{"logstack.yaml:6:7 alerting.notifiers.hook.url_file", ErrInvalid}}},
		{"missing secret file", "alerting:\n  notifiers:\n    pd: {type: pagerduty, routing_key_file: nope.key}\n", []wantProblem{{"logstack.yaml:3:27 alerting.notifiers.pd.routing_key_file", ErrInvalid}}},
		{"bad retry", hook + "      retry: {initial: 2m, max: 1m, attempt_timeout: -1s}\n", []wantProblem{
			{"logstack.yaml:6:37 alerting.notifiers.hook.retry.attempt_timeout", ErrInvalid},
			{"logstack.yaml:6:15 alerting.notifiers.hook.retry.initial", ErrInvalid},
		}},
		// per-type checks
		{"required url from empty var", "alerting:\n  notifiers:\n    c: {type: slack, url: '${EMPTY:-}'}\n", []wantProblem{{"logstack.yaml:3:22 alerting.notifiers.c.url", ErrInvalid}}},
		{"url that is no url", "alerting:\n  notifiers:\n    c: {type: teams, url: '${BAD}'}\n", []wantProblem{{"logstack.yaml:3:22 alerting.notifiers.c.url", ErrInvalid}}},
		{"email", "alerting:\n  notifiers:\n    m:\n      type: email\n      tls: none\n      username: u\n      auth: cram\n", []wantProblem{
			{"logstack.yaml:3:5 alerting.notifiers.m.host", ErrInvalid},
			{"logstack.yaml:3:5 alerting.notifiers.m.from", ErrInvalid},
			{"logstack.yaml:3:5 alerting.notifiers.m.to", ErrInvalid},
			{"logstack.yaml:7:7 alerting.notifiers.m.auth", ErrInvalid},
			{"logstack.yaml:6:7 alerting.notifiers.m.username", ErrInvalid},
		}},
		{"sms", "alerting:\n  notifiers:\n    s: {type: sms, account_sid: AC, auth_token: '${K}', to: '+1'}\n", []wantProblem{{"logstack.yaml:3:5 alerting.notifiers.s.from", ErrInvalid}}},
		{"opsgenie", "alerting:\n  notifiers:\n    o: {type: opsgenie, api_key: '${K}', region: asia, priority: P9}\n", []wantProblem{
			{"logstack.yaml:3:42 alerting.notifiers.o.region", ErrInvalid},
			{"logstack.yaml:3:56 alerting.notifiers.o.priority", ErrInvalid},
		}},
		{"bad notifier name", "alerting:\n  notifiers:\n    'a b': {type: pagerduty, routing_key: '${K}'}\n", []wantProblem{{"logstack.yaml:3:5 alerting.notifiers.a b", ErrInvalid}}},
		// policies
		{"policy without levels", hook + "  escalation_policies:\n    p: {levels: []}\n", []wantProblem{{"logstack.yaml:7:9 alerting.escalation_policies.p.levels", ErrInvalid}}},
		{"level problems", hook + "  escalation_policies:\n    p:\n      levels:\n        - {delay: 10m, notifiers: [hok]}\n        - {delay: 5m, notifiers: []}\n        - {delay: 5m, notifiers: [hook, hook], repeat: -1m}\n", []wantProblem{
			{"logstack.yaml:9:36 alerting.escalation_policies.p.levels[0].notifiers[0]", ErrInvalid},
			{"logstack.yaml:10:12 alerting.escalation_policies.p.levels[1].delay", ErrInvalid},
			{"logstack.yaml:10:23 alerting.escalation_policies.p.levels[1].notifiers", ErrInvalid},
			{"logstack.yaml:11:48 alerting.escalation_policies.p.levels[2].repeat", ErrInvalid},
			{"logstack.yaml:11:41 alerting.escalation_policies.p.levels[2].notifiers[1]", ErrInvalid},
		}},
		{"policy named like a notifier", hook + "  escalation_policies:\n    hook: {levels: [{notifiers: [hook]}]}\n", []wantProblem{{"logstack.yaml:7:5 alerting.escalation_policies.hook", ErrInvalid}}},
		{"unknown default policy", hook + "  default_escalation_policy: hok\n", []wantProblem{{"logstack.yaml:6:3 alerting.default_escalation_policy", ErrInvalid}}},
		// evaluation, lease, deadman
		{"evaluation", "alerting:\n  run_every: 0s\n  max_query_size: 0\n  concurrency: -1\n", []wantProblem{
			{"logstack.yaml:2:3 alerting.run_every", ErrInvalid},
			{"logstack.yaml:3:3 alerting.max_query_size", ErrInvalid},
			{"logstack.yaml:4:3 alerting.concurrency", ErrInvalid},
		}},
		{"stall shorter than a cycle", "alerting: {run_every: 5m, stall_after: 1m}\n", []wantProblem{{"logstack.yaml:1:27 alerting.stall_after", ErrInvalid}}},
		{"lease", "alerting:\n  lease: {bucket_prefix: 'a.b', ttl: 10s}\n", []wantProblem{
			{"logstack.yaml:2:11 alerting.lease.bucket_prefix", ErrInvalid},
			{"logstack.yaml:2:3 alerting.lease.renew_every", ErrInvalid},
		}},
		{"deadman with both", hook + "  deadman: {notifier: hook, url: '${U}'}\n", []wantProblem{{"logstack.yaml:6:29 alerting.deadman.url", ErrInvalid}}},
		{"deadman without target", "alerting:\n  deadman: {every: 5m}\n", []wantProblem{{"logstack.yaml:2:13 alerting.deadman.every", ErrInvalid}}},
		{"deadman unknown notifier", "alerting:\n  deadman: {notifier: x}\n", []wantProblem{{"logstack.yaml:2:13 alerting.deadman.notifier", ErrInvalid}}},
		{"deadman literal url", "alerting:\n  deadman: {url: 'https://hc-ping.com/abc'}\n", []wantProblem{{"logstack.yaml:2:18 alerting.deadman.url", ErrLiteralSecret}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err, dir := loadFiles(t, map[string]string{"logstack.yaml": tt.base}, "", env)
			if cfg != nil {
				t.Fatal("Load returned a config with an error")
			}
			checkProblems(t, dir, err, tt.want)
		})
	}
}

func TestAlertingProblemMessages(t *testing.T) {
	base := "alerting:\n  notifiers:\n    hook:\n      type: webhok\n    chat:\n      type: slack\n      url: ${U}\n      chanel: x\n      hmac_secret: ${U}\n" +
		"  escalation_policies:\n    p: {levels: [{notifiers: [chta]}]}\n  default_escalation_policy: pp\n"
	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": base}, "", map[string]string{"U": "https://h.example.com/" + tokenPlain})
	msg := strings.ReplaceAll(err.Error(), dir+"/", "")
	assertNoPlaintext(t, "error", msg)
	for _, want := range []string{
		`logstack.yaml:4:13: alerting.notifiers.hook.type: "webhok" is not a notifier type, one of webhook, slack, teams, email, sms, pagerduty, opsgenie (did you mean "webhook"?)`,
		`logstack.yaml:8:7: alerting.notifiers.chat.chanel: unknown key "chanel" for a slack notifier (did you mean "channel"?)`,
		`logstack.yaml:9:7: alerting.notifiers.chat.hmac_secret: unknown key "hmac_secret" for a slack notifier (it is a key of webhook notifiers)`,
		`alerting.escalation_policies.p.levels[0].notifiers[0]: "chta" is not a configured notifier (did you mean "chat"?)`,
		`alerting.default_escalation_policy: "pp" is neither an escalation policy nor a notifier (did you mean "p"?)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
