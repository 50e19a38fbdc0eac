package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestLoadWithoutFileGivesDefaults(t *testing.T) {
	cfg, err, _ := loadFiles(t, nil, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseFile() != "" {
		t.Errorf("BaseFile() = %q without a file", cfg.BaseFile())
	}
	want, _ := Render(Default())
	if got, _ := Render(cfg); string(got) != string(want) {
		t.Errorf("config without file:\n%s\nwant defaults:\n%s", got, want)
	}
}

func TestLoadMissingExplicitFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nope.yaml")
	_, err := Load(LoadOptions{Path: path, PathExplicit: true, LookupEnv: envFrom(nil)})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if ps := Problems(err); len(ps) != 1 || ps[0].File != path {
		t.Fatalf("problems = %v, want one for %s", ps, path)
	}
}

func TestLoadSelectsEnvironment(t *testing.T) {
	files := map[string]string{
		"logstack.yaml":              "data_dir: base\n",
		"environments/default.yaml":  "data_dir: from-default\n",
		"environments/staging.yaml":  "data_dir: from-staging\n",
		"environments/prod.yaml":     "data_dir: from-prod\n",
		"other/environments/x.yaml":  "data_dir: elsewhere\n",
		"environments/notyaml.yml":   "data_dir: ignored\n",
		"environments/default2.yaml": "data_dir: ignored\n",
	}
	tests := []struct {
		name, env, envVar string
		wantEnv, wantDir  string
	}{
		{"neither", "", "", "default", "from-default"},
		{"option", "prod", "", "prod", "from-prod"},
		{"env var", "", "staging", "staging", "from-staging"},
		{"option wins", "prod", "staging", "prod", "from-prod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{}
			if tt.envVar != "" {
				vars[EnvVar] = tt.envVar
			}
			cfg, err, _ := loadFiles(t, files, tt.env, vars)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Env != tt.wantEnv || cfg.DataDir != tt.wantDir {
				t.Errorf("env %q data_dir %q, want %q %q", cfg.Env, cfg.DataDir, tt.wantEnv, tt.wantDir)
			}
		})
	}
}

func TestLoadOverlayPresence(t *testing.T) {
	base := map[string]string{"logstack.yaml": "data_dir: base\n"}
	t.Run("missing default overlay is fine", func(t *testing.T) {
		cfg, err, _ := loadFiles(t, base, "", nil)
		if err != nil || cfg.DataDir != "base" || cfg.Env != "default" {
			t.Fatalf("cfg %+v, err %v", cfg, err)
		}
	})
	t.Run("missing named overlay is an error", func(t *testing.T) {
		_, err, dir := loadFiles(t, base, "", map[string]string{EnvVar: "prod"})
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		if got := where(dir, Problems(err)[0]); got != "environments/prod.yaml:0:0 " {
			t.Errorf("problem at %q", got)
		}
	})
	t.Run("overlay without base file", func(t *testing.T) {
		cfg, err, _ := loadFiles(t, map[string]string{"environments/prod.yaml": "data_dir: prod\n"}, "prod", nil)
		if err != nil || cfg.DataDir != "prod" {
			t.Fatalf("cfg %+v, err %v", cfg, err)
		}
	})
	t.Run("environment name cannot leave environments/", func(t *testing.T) {
		for _, env := range []string{"../logstack", "a/b", ".hidden", "a..b"} {
			_, err, _ := loadFiles(t, base, env, nil)
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("env %q: err = %v, want ErrInvalid", env, err)
			}
		}
	})
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name          string
		base, overlay string
		get           func(*Config) any
		want          any
	}{
		{"maps merge recursively", "http:\n  addr: 10.0.0.1:80\n  tls: {cert_file: c.pem, key_file: k.pem}\n", "http:\n  tls:\n    key_file: other.pem\n",
			func(c *Config) any { return []string{c.HTTP.Addr, c.HTTP.TLS.CertFile, c.HTTP.TLS.KeyFile} },
			[]string{"10.0.0.1:80", "c.pem", "other.pem"}},
		{"scalars replace", "log: {level: debug}\n", "log: {level: warn}\n",
			func(c *Config) any { return c.Log }, Log{Level: "warn", Format: "text"}},
		{"lists replace", "inputs:\n  http:\n    auth:\n      api_key_files: [a, b, c]\n", "inputs:\n  http:\n    auth:\n      api_key_files: [d]\n",
			func(c *Config) any { return c.Inputs.HTTP.Auth.APIKeyFiles }, []string{"d"}},
		{"empty list clears", "store:\n  columns: [{field: a, type: long}]\n", "store:\n  columns: []\n",
			func(c *Config) any { return len(c.Store.Columns) }, 0},
		{"list of structs replaces whole", "store:\n  columns:\n    - {field: a, type: long}\n    - {field: b, type: ip}\n", "store:\n  columns:\n    - field: c\n      type: text\n",
			func(c *Config) any { return c.Store.Columns }, []Column{{Field: "c", Type: "text"}}},
		{"vars merge, overlay wins", "vars: {A: base, B: base}\n", "vars: {B: overlay, C: overlay}\n",
			func(c *Config) any { return c.Vars }, map[string]string{"A": "base", "B": "overlay", "C": "overlay"}},
		{"null keeps the base value", "queue: {stream: events}\n", "queue:\n  stream:\n",
			func(c *Config) any { return c.Queue.Stream }, "events"},
		{"untouched keys keep defaults", "", "indexer: {batch_events: 5}\n",
			func(c *Config) any { return c.Indexer }, Indexer{Enabled: true, BatchEvents: 5, BatchWait: Duration(200 * time.Millisecond), AckWait: Duration(time.Minute)}},
		{"booleans replace", "inputs: {tcp: {enabled: false}}\n", "inputs: {tcp: {enabled: true}}\n",
			func(c *Config) any { return c.Inputs.TCP.Enabled }, true},
		{"env key is overwritten", "env: other\n", "env: other\n",
			func(c *Config) any { return c.Env }, "prod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": tt.base, "environments/prod.yaml": tt.overlay}, "prod", nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.get(cfg); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestSubstitution(t *testing.T) {
	env := map[string]string{"PORT": "7000", "ON": "false", "WAIT": "2s", "SIZE": "2MiB", "KEY": "k-123", "HOST": "10.1.2.3", "THREADS": "8"}
	tests := []struct {
		name          string
		base, overlay string
		get           func(*Config) any
		want          any
	}{
		{"env var in a string", "http: {addr: '${HOST}:9280'}\n", "",
			func(c *Config) any { return c.HTTP.Addr }, "10.1.2.3:9280"},
		{"env var converts to the field type", "indexer: {batch_events: ${PORT}, enabled: ${ON}, batch_wait: ${WAIT}}\nhttp: {max_body_bytes: ${SIZE}}\n", "",
			func(c *Config) any {
				return []any{c.Indexer.BatchEvents, c.Indexer.Enabled, c.Indexer.BatchWait, c.HTTP.MaxBodyBytes}
			},
			[]any{7000, false, Duration(2 * time.Second), 2 * MiB}},
		{"a number-looking value stays a string in a string field", "queue: {stream: '${PORT}'}\n", "",
			func(c *Config) any { return c.Queue.Stream }, "7000"},
		{"default applies when unset", "queue: {stream: ${STREAM:-fallback}}\n", "",
			func(c *Config) any { return c.Queue.Stream }, "fallback"},
		{"escaped dollar", "data_dir: /srv/$${HOST}\n", "",
			func(c *Config) any { return c.DataDir }, "/srv/${HOST}"},
		{"unquoted @@KEY@@ from overlay vars", "http: {addr: @@BIND@@:80}\ninputs: {tcp: {max_connections: @@CONNS@@}}\n", "vars: {BIND: 0.0.0.0, CONNS: 42}\n",
			func(c *Config) any { return []any{c.HTTP.Addr, c.Inputs.TCP.MaxConnections} }, []any{"0.0.0.0:80", 42}},
		{"overlay vars win over base vars", "vars: {DIR: base}\ndata_dir: /var/@@DIR@@\n", "vars: {DIR: prod}\n",
			func(c *Config) any { return c.DataDir }, "/var/prod"},
		{"vars may use env vars", "store: {duckdb: {threads: @@T@@}}\n", "vars: {T: '${THREADS}'}\n",
			func(c *Config) any { return c.Store.DuckDB.Threads }, 8},
		{"tokens in the overlay", "", "vars: {S: events}\nqueue: {stream: '@@S@@-${PORT}'}\n",
			func(c *Config) any { return c.Queue.Stream }, "events-7000"},
		{"tokens in flow lists", "inputs: {bulk: {auth: {api_key_files: [@@F@@, '${HOST}']}}}\n", "vars: {F: keys.txt}\n",
			func(c *Config) any { return c.Inputs.Bulk.Auth.APIKeyFiles }, []string{"keys.txt", "10.1.2.3"}},
		{"secret from env", "queue: {token: ${KEY}}\n", "",
			func(c *Config) any { return c.Queue.Token.Value() }, "k-123"},
		{"optional secret", "queue: {token: '${NO_TOKEN:-}'}\n", "",
			func(c *Config) any { return c.Queue.Token }, Secret("")},
		{"tokens in comments are ignored", "# ${UNSET} @@UNDEFINED@@\ndata_dir: d # ${UNSET}\n", "",
			func(c *Config) any { return c.DataDir }, "d"},
		{"block scalar", "data_dir: |-\n  /srv/${PORT}\n", "",
			func(c *Config) any { return c.DataDir }, "/srv/7000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": tt.base, "environments/prod.yaml": tt.overlay}, "prod", env)
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.get(cfg); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestAnchorsAndMergeKeys(t *testing.T) {
	base := `http:
  tls: &tls {cert_file: c.pem, key_file: k.pem}
inputs:
  tcp:
    tls:
      <<: *tls
      key_file: other.pem
  http:
    auth:
      api_key_files: &files [a.keys]
  bulk:
    auth:
      api_key_files: *files
`
	cfg, err, _ := loadFiles(t, map[string]string{"logstack.yaml": base}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Inputs.TCP.TLS, (TLS{CertFile: "c.pem", KeyFile: "other.pem"}); got != want {
		t.Errorf("tcp tls = %+v, want %+v", got, want)
	}
	if got := cfg.Inputs.Bulk.Auth.APIKeyFiles; !reflect.DeepEqual(got, []string{"a.keys"}) {
		t.Errorf("bulk key files = %v", got)
	}

	_, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "http: &h\n  <<: *h\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:2:3 http", ErrSyntax}})
	_, err, dir = loadFiles(t, map[string]string{"logstack.yaml": "http: {<<: &s [*s]}\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:1:15 http", ErrType}})
}

func TestTokenFile(t *testing.T) {
	cfg, err, _ := loadFiles(t, map[string]string{
		"logstack.yaml":      "queue: {url: 'nats://q:4222', token_file: secrets/nats.token}\n",
		"secrets/nats.token": "tok-from-file\n",
	}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Queue.Token.Value() != "tok-from-file" {
		t.Errorf("token = %q", cfg.Queue.Token.Value())
	}

	_, err, dir := loadFiles(t, map[string]string{
		"logstack.yaml": "queue:\n  token: ${T}\n  token_file: missing.token\n",
	}, "", map[string]string{"T": "x"})
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:3:3 queue.token_file", ErrInvalid}})

	_, err, dir = loadFiles(t, map[string]string{"logstack.yaml": "queue:\n  token_file: missing.token\n"}, "", nil)
	checkProblems(t, dir, err, []wantProblem{{"logstack.yaml:2:3 queue.token_file", ErrInvalid}})
}

func TestAbsPath(t *testing.T) {
	cfg, err, dir := loadFiles(t, map[string]string{"logstack.yaml": "data_dir: data\n"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.BaseFile(), filepath.Join(dir, "logstack.yaml"); got != want {
		t.Errorf("BaseFile() = %q, want %q", got, want)
	}
	if got, want := cfg.AbsPath(cfg.DataDir), filepath.Join(dir, "data"); got != want {
		t.Errorf("AbsPath(data) = %q, want %q", got, want)
	}
	if got := cfg.AbsPath("/abs/x"); got != "/abs/x" {
		t.Errorf("AbsPath(/abs/x) = %q", got)
	}
	if got := cfg.AbsPath(""); got != "" {
		t.Errorf("AbsPath(\"\") = %q", got)
	}
	wd, _ := os.Getwd()
	if got := Default().AbsPath("x"); got != filepath.Join(wd, "x") {
		t.Errorf("Default().AbsPath(x) = %q, want it under %s", got, wd)
	}
}
