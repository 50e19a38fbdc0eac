package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes as the base file, with an overlay that
// defines vars, and checks that Load never panics, that every problem is a
// located *Problem, and that a loaded config renders.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"",
		"data_dir: x\n",
		"http:\n  addr: @@BIND@@:80\n",
		"queue: {token: '${T}'}\n",
		"store:\n  columns:\n    - {field: a, type: long}\n",
		"a: &x {b: *x}\n<<: *x\n",
		"http: &h\n  <<: [*h, *h]\n",
		"vars: {A: '@@A@@'}\n",
		"data_dir: ${X:-${Y}}\n",
		"- [a, {b: c}]\n",
		"alerting:\n  notifiers:\n    a: {type: webhook, url: '${T}'}\n    b: {type: slack, channel: x}\n" +
			"  escalation_policies: {p: {levels: [{notifiers: [a]}]}}\n  default_escalation_policy: p\n",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	overlay := filepath.Join(dir, "environments", "fuzz.yaml")
	if err := os.MkdirAll(filepath.Dir(overlay), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(overlay, []byte("vars: {BIND: 0.0.0.0, N: '5'}\n"), 0o644); err != nil {
		f.Fatal(err)
	}
	env := envFrom(map[string]string{"T": "tok", "X": "1", "ML": "a\nb"})
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "logstack.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg, err := Load(LoadOptions{Path: path, Env: "fuzz", LookupEnv: env})
		if err != nil {
			if cfg != nil {
				t.Fatal("config returned with an error")
			}
			ps := Problems(err)
			if len(ps) == 0 {
				t.Fatalf("error without problems: %v", err)
			}
			return
		}
		if _, err := Render(cfg); err != nil {
			t.Fatalf("Render: %v", err)
		}
	})
}
