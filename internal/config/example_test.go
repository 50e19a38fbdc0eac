package config

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

const examplePath = "testdata/example/logstack.yaml"

func TestExampleConfig(t *testing.T) {
	dev, err := Load(LoadOptions{Path: examplePath, PathExplicit: true, LookupEnv: envFrom(nil)})
	if err != nil {
		t.Fatal(err)
	}
	prod, err := Load(LoadOptions{Path: examplePath, PathExplicit: true, LookupEnv: envFrom(map[string]string{
		EnvVar:                    "production",
		"LOGSTACK_API_KEY":        "k1",
		"LOGSTACK_DUCKDB_THREADS": "16",
	})})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		get       func(*Config) any
		dev, prod any
	}{
		{"env", func(c *Config) any { return c.Env }, "default", "production"},
		{"@@BIND@@ from vars", func(c *Config) any { return []string{c.HTTP.Addr, c.Inputs.TCP.Addr} },
			[]string{"127.0.0.1:9280", "127.0.0.1:5000"}, []string{"0.0.0.0:9280", "0.0.0.0:5000"}},
		{"log format", func(c *Config) any { return c.Log }, Log{"info", "text"}, Log{"info", "json"}},
		{"tls from overlay", func(c *Config) any { return c.HTTP.TLS.Enabled() }, false, true},
		{"api keys", func(c *Config) any { return []any{c.Inputs.HTTP.Auth.Enabled(), len(c.Inputs.HTTP.Auth.APIKeys)} },
			[]any{false, 0}, []any{true, 1}},
		{"typed @@KEY@@", func(c *Config) any { return c.Inputs.TCP.MaxConnections }, 1000, 5000},
		{"typed ${VAR:-default}", func(c *Config) any { return c.Inputs.HTTP.MaxEventsPerRequest }, 100000, 100000},
		{"env var over default", func(c *Config) any { return c.Store.DuckDB.Threads }, 0, 16},
		{"retention", func(c *Config) any { return c.Store.Retention.Std() }, 14 * Day, 4 * Week},
		{"queue", func(c *Config) any { return []any{c.Queue.Sync, c.Queue.MaxBytes} }, []any{"default", GiB}, []any{"always", 20 * GiB}},
		{"columns kept from base", func(c *Config) any { return len(c.Store.Columns) }, 2, 2},
		{"shutdown delay", func(c *Config) any { return c.HTTP.ShutdownDelay.Std() }, time.Duration(0), 5 * time.Second},
	}
	for _, tt := range tests {
		if got := tt.get(dev); !reflect.DeepEqual(got, tt.dev) {
			t.Errorf("%s: default env got %#v, want %#v", tt.name, got, tt.dev)
		}
		if got := tt.get(prod); !reflect.DeepEqual(got, tt.prod) {
			t.Errorf("%s: production got %#v, want %#v", tt.name, got, tt.prod)
		}
	}

	_, err = Load(LoadOptions{Path: examplePath, Env: "production", LookupEnv: envFrom(nil)})
	checkProblems(t, "testdata/example", err, []wantProblem{
		{"environments/production.yaml:20:11 inputs.http.auth.api_keys[0]", ErrUnsetVar},
	})
	if _, err := Load(LoadOptions{Path: examplePath, Env: "staging", LookupEnv: envFrom(nil)}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing overlay: err = %v", err)
	}
}
