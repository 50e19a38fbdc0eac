package config

import (
	"strings"
	"testing"
)

const (
	apiKeyPlain = "ak-PLAINTEXT-1"
	tokenPlain  = "tok-PLAINTEXT-2"
	filePlain   = "file-PLAINTEXT-3"
	passPlain   = "pw-PLAINTEXT-4"
)

var secretEnv = map[string]string{"API_KEY": apiKeyPlain, "NATS_TOKEN": tokenPlain, "NATS_PASS": passPlain, "MULTI": apiKeyPlain + "\nmore"}

// assertNoPlaintext fails when any secret's plaintext appears in out.
func assertNoPlaintext(t *testing.T, what, out string) {
	t.Helper()
	for _, p := range []string{apiKeyPlain, tokenPlain, filePlain, passPlain} {
		if strings.Contains(out, p) {
			t.Errorf("%s leaks %q:\n%s", what, p, out)
		}
	}
}

func TestRenderRedactsSecrets(t *testing.T) {
	cfg, err, _ := loadFiles(t, map[string]string{
		"logstack.yaml": `inputs:
  http:
    auth:
      api_keys: [ "${API_KEY}" ]
  bulk:
    auth:
      api_keys: [ "${API_KEY}", "${API_KEY}" ]
queue:
  url: nats://app:${NATS_PASS}@q1:4222,nats://${NATS_TOKEN}@q2:4222
`,
	}, "", secretEnv)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Queue.URL = strings.Split(cfg.Queue.URL, ",")[0] + "," + strings.Split(cfg.Queue.URL, ",")[1]
	cfg.Queue.Token = tokenPlain
	out, err := Render(cfg)
	if err != nil {
		t.Fatal(err)
	}
	assertNoPlaintext(t, "Render", string(out))
	for _, want := range []string{
		"api_keys:\n        - <redacted>\n",
		"token: <redacted>\n",
		"url: nats://app:xxxxx@q1:4222,nats://xxxxx@q2:4222\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("Render output lacks %q:\n%s", want, out)
		}
	}
	if cfg.Inputs.HTTP.Auth.APIKeys[0].Value() != apiKeyPlain || !strings.Contains(cfg.Queue.URL, passPlain) {
		t.Error("Render changed the config it was given")
	}
}

// TestSecretsNeverInErrors makes Load fail around secrets in every way it
// can and checks that no message holds a secret's plaintext.
func TestSecretsNeverInErrors(t *testing.T) {
	for name, base := range map[string]string{
		"literal secret":         "queue: {token: " + filePlain + "}\n",
		"literal secret in list": "inputs: {http: {auth: {api_keys: [" + filePlain + "]}}}\n",
		"secret with default":    "queue: {token: '${NOPE:-" + filePlain + "}'}\n",
		"secret with newline":    "queue: {token: '${MULTI}'}\n",
		"secret in wrong type":   "indexer: {batch_events: '${API_KEY}'}\nhttp: {read_timeout: '${NATS_TOKEN}'}\n",
		"secret in a list field": "inputs: {tcp: {enabled: '${API_KEY}'}}\n",
		"secret in queue url":    "queue: {url: 'http://u:${NATS_PASS}@h'}\n",
		"token and token file":   "queue: {token: '${NATS_TOKEN}', token_file: t.txt}\n",
		"other problems too":     "queue: {token: '${NATS_TOKEN}'}\nlog: {level: loud}\nhttp: {adr: x}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err, _ := loadFiles(t, map[string]string{"logstack.yaml": base, "t.txt": filePlain}, "", secretEnv)
			if err == nil {
				t.Fatal("Load succeeded")
			}
			assertNoPlaintext(t, "error", err.Error())
		})
	}
}

// TestRenderRoundTrip checks that Render's output loads back to the same
// configuration.
func TestRenderRoundTrip(t *testing.T) {
	orig, err := Load(LoadOptions{Path: "testdata/example/logstack.yaml", PathExplicit: true, LookupEnv: envFrom(nil)})
	if err != nil {
		t.Fatal(err)
	}
	orig.Inputs.HTTP.Auth.APIKeys = nil // a redacted secret cannot load back
	for _, c := range []*Config{Default(), orig} {
		out, err := Render(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err, _ := loadFiles(t, map[string]string{"logstack.yaml": string(out)}, "", nil)
		if err != nil {
			t.Fatalf("rendered config does not load: %v\n%s", err, out)
		}
		if again, _ := Render(back); string(again) != string(out) {
			t.Errorf("round trip changed the config:\n%s\nthen:\n%s", out, again)
		}
	}
}
