package config

import (
	"strings"
	"testing"
)

// TestProblems covers every class of problem with its exact location.
func TestProblems(t *testing.T) {
	env := map[string]string{"HOST": "h", "ML": "a\nb", "K": "key"}
	tests := []struct {
		name          string
		base, overlay string
		want          []wantProblem
	}{
		// unknown keys
		{"unknown key", "http:\n  adr: x\n", "", []wantProblem{{"logstack.yaml:2:3 http.adr", ErrUnknownKey}}},
		{"unknown top-level key", "data_dir: d\nloging: {}\n", "", []wantProblem{{"logstack.yaml:2:1 loging", ErrUnknownKey}}},
		{"unknown key in overlay", "", "inputs:\n  tcp:\n    batch: 5\n", []wantProblem{{"environments/prod.yaml:3:5 inputs.tcp.batch", ErrUnknownKey}}},
		{"unknown key in list item", "store:\n  columns:\n    - field: a\n      typ: long\n", "", []wantProblem{
			{"logstack.yaml:4:7 store.columns[0].typ", ErrUnknownKey},
			{"logstack.yaml:3:7 store.columns[0].type", ErrInvalid}, // located at its list item
		}},
		{"non-string key", "http:\n  ? [a]\n  : b\n", "", []wantProblem{{"logstack.yaml:3:3 ", ErrSyntax}}},
		// wrong types
		{"string for int", "indexer:\n  batch_events: lots\n", "", []wantProblem{{"logstack.yaml:2:17 indexer.batch_events", ErrType}}},
		{"quoted number for int", "indexer:\n  batch_events: \"10\"\n", "", []wantProblem{{"logstack.yaml:2:17 indexer.batch_events", ErrType}}},
		{"float for int", "indexer: {max_deliveries: 1.5}\n", "", []wantProblem{{"logstack.yaml:1:27 indexer.max_deliveries", ErrType}}},
		{"int out of range", "indexer: {batch_events: 99999999999999999999}\n", "", []wantProblem{{"logstack.yaml:1:25 indexer.batch_events", ErrType}}},
		{"string for bool", "inputs:\n  http:\n    enabled: yes\n", "", []wantProblem{{"logstack.yaml:3:14 inputs.http.enabled", ErrType}}},
		{"bad duration", "store:\n  retention: 14 days\n", "", []wantProblem{{"logstack.yaml:2:14 store.retention", ErrType}}},
		{"duration without unit", "http: {read_timeout: 30}\n", "", []wantProblem{{"logstack.yaml:1:22 http.read_timeout", ErrType}}},
		{"bool for duration", "http: {read_timeout: true}\n", "", []wantProblem{{"logstack.yaml:1:22 http.read_timeout", ErrType}}},
		{"bad byte size", "http:\n  max_body_bytes: 10M\n", "", []wantProblem{{"logstack.yaml:2:19 http.max_body_bytes", ErrType}}},
		{"negative byte size", "http:\n  max_body_bytes: -1\n", "", []wantProblem{{"logstack.yaml:2:19 http.max_body_bytes", ErrType}}},
		{"mapping for string", "data_dir:\n  a: b\n", "", []wantProblem{{"logstack.yaml:2:3 data_dir", ErrType}}},
		{"list for mapping", "log: [a]\n", "", []wantProblem{{"logstack.yaml:1:6 log", ErrType}}},
		{"scalar for list", "store:\n  columns: long\n", "", []wantProblem{{"logstack.yaml:2:12 store.columns", ErrType}}},
		{"scalar for vars", "vars: x\n", "", []wantProblem{{"logstack.yaml:1:7 vars", ErrType}}},
		{"list as document", "- a\n", "", []wantProblem{{"logstack.yaml:1:1 ", ErrType}}},
		{"substituted value of wrong type", "indexer: {batch_events: '${HOST}'}\n", "", []wantProblem{{"logstack.yaml:1:25 indexer.batch_events", ErrType}}},
		{"unsupported tag", "data_dir: !vault x\n", "", []wantProblem{{"logstack.yaml:1:11 data_dir", ErrType}}},
		// tokens
		{"unset env var", "queue:\n  stream: ${STREAM}\n", "", []wantProblem{{"logstack.yaml:2:11 queue.stream", ErrUnsetVar}}},
		{"unset env var mid-string", "http:\n  addr: \"${HOST}:${PORT}\"\n", "", []wantProblem{{"logstack.yaml:2:18 http.addr", ErrUnsetVar}}},
		{"unset env var in block scalar", "data_dir: |\n  /srv\n  ${NOPE}\n", "", []wantProblem{{"logstack.yaml:3:3 data_dir", ErrUnsetVar}}},
		{"unset env var in overlay", "", "queue:\n  url: nats://${NATS_HOST}:4222\n", []wantProblem{{"environments/prod.yaml:2:15 queue.url", ErrUnsetVar}}},
		{"undefined @@KEY@@", "data_dir: /x/@@DIR@@\n", "", []wantProblem{{"logstack.yaml:1:14 data_dir", ErrUndefinedToken}}},
		{"undefined @@KEY@@ in overlay", "", "vars: {A: b}\nlog:\n  level: @@LEVEL@@\n", []wantProblem{{"environments/prod.yaml:3:10 log.level", ErrUndefinedToken}}},
		{"malformed reference", "data_dir: ${1X}\n", "", []wantProblem{{"logstack.yaml:1:11 data_dir", ErrBadToken}}},
		{"@@KEY@@ inside vars", "vars:\n  A: x\n  B: '@@A@@'\n", "", []wantProblem{{"logstack.yaml:3:7 vars.B", ErrBadToken}}},
		{"newline from env", "queue:\n  stream: ${ML}\n", "", []wantProblem{{"logstack.yaml:2:11 queue.stream", ErrNewline}}},
		{"newline from vars", "data_dir: @@V@@\n", "vars: {V: \"a\\nb\"}\n", []wantProblem{{"logstack.yaml:1:11 data_dir", ErrNewline}}},
		// secrets
		{"literal secret", "queue:\n  token: abc123\n", "", []wantProblem{{"logstack.yaml:2:10 queue.token", ErrLiteralSecret}}},
		{"literal secret in list", "inputs:\n  bulk:\n    auth:\n      api_keys: [plaintext, '${K}']\n", "", []wantProblem{{"logstack.yaml:4:18 inputs.bulk.auth.api_keys[0]", ErrLiteralSecret}}},
		{"secret with a default", "queue: {token: '${T:-dflt}'}\n", "", []wantProblem{{"logstack.yaml:1:16 queue.token", ErrLiteralSecret}}},
		{"secret inside a string", "queue: {token: 'Bearer ${K}'}\n", "", []wantProblem{{"logstack.yaml:1:16 queue.token", ErrLiteralSecret}}},
		{"secret as a number", "queue: {token: 12345}\n", "", []wantProblem{{"logstack.yaml:1:16 queue.token", ErrLiteralSecret}}},
		{"secret from vars", "queue: {token: '@@T@@'}\n", "vars: {T: x}\n", []wantProblem{{"logstack.yaml:1:16 queue.token", ErrLiteralSecret}}},
		// syntax
		{"syntax error", "http:\n  addr: [\n", "", []wantProblem{{"logstack.yaml:2:9 ", ErrSyntax}}},
		{"two documents", "data_dir: a\n---\ndata_dir: b\n", "", []wantProblem{{"logstack.yaml:3:1 ", ErrSyntax}}},
		{"duplicate key", "data_dir: a\ndata_dir: b\n", "", []wantProblem{{"logstack.yaml:2:1 ", ErrSyntax}}},
		{"invalid UTF-8", "data_dir: \xff\n", "", []wantProblem{{"logstack.yaml:1:11 ", ErrSyntax}}},
		{"undefined alias", "data_dir: *nope\n", "", []wantProblem{{"logstack.yaml:1:11 data_dir", ErrSyntax}}},
		// semantic checks, located where the value was set
		{"invalid level", "log:\n  level: loud\n", "", []wantProblem{{"logstack.yaml:2:3 log.level", ErrInvalid}}},
		{"retention below 1h in overlay", "store: {retention: 2d}\n", "store:\n  retention: 30m\n", []wantProblem{{"environments/prod.yaml:2:3 store.retention", ErrInvalid}}},
		{"cert without key", "http:\n  tls:\n    cert_file: c.pem\n", "", []wantProblem{{"logstack.yaml:2:3 http.tls", ErrInvalid}}},
		{"bad address", "inputs:\n  tcp:\n    addr: localhost\n", "", []wantProblem{{"logstack.yaml:3:5 inputs.tcp.addr", ErrInvalid}}},
		{"size larger than its limit", "queue:\n  max_message_bytes: 2GiB\n", "", []wantProblem{{"logstack.yaml:2:3 queue.max_message_bytes", ErrInvalid}}},
		{"decoding problem hides its semantic check", "http:\n  tls:\n    cert_file: c.pem\n    key_file: [k]\n", "", []wantProblem{{"logstack.yaml:4:15 http.tls.key_file", ErrType}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"logstack.yaml": tt.base, "environments/prod.yaml": tt.overlay}
			cfg, err, dir := loadFiles(t, files, "prod", env)
			if cfg != nil {
				t.Error("Load returned a config with an error")
			}
			checkProblems(t, dir, err, tt.want)
		})
	}
}

// TestProblemsAllAtOnce checks that one Load reports every problem of both
// files, in file order, each located.
func TestProblemsAllAtOnce(t *testing.T) {
	base := "http:\n  adr: x\nindexer:\n  batch_events: lots\nqueue:\n  token: literal\nlog:\n  level: loud\n"
	overlay := "data_dir: ${MISSING}\nstore:\n  typo: 1\n"
	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": base, "environments/prod.yaml": overlay}, "prod", nil)
	checkProblems(t, dir, err, []wantProblem{
		{"logstack.yaml:2:3 http.adr", ErrUnknownKey},
		{"logstack.yaml:4:17 indexer.batch_events", ErrType},
		{"logstack.yaml:6:10 queue.token", ErrLiteralSecret},
		{"environments/prod.yaml:1:11 data_dir", ErrUnsetVar},
		{"environments/prod.yaml:3:3 store.typo", ErrUnknownKey},
		{"logstack.yaml:8:3 log.level", ErrInvalid},
	})
}

func TestProblemMessages(t *testing.T) {
	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "http:\n  adr: x\n  max_body_bytes: lots\n"}, "", nil)
	msg := strings.ReplaceAll(err.Error(), dir+"/", "")
	for _, want := range []string{
		`logstack.yaml:2:3: http.adr: unknown key "adr" (did you mean "addr"?)`,
		`logstack.yaml:3:19: http.max_body_bytes: expected a byte size such as 512KiB, 10MiB or 1GB, got string "lots"`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}
