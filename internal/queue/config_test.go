package queue

import (
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	f := func(name string, edit func(*Config), wantErr string) {
		t.Helper()
		cfg := DefaultConfig()
		cfg.Dir = "/data/queue"
		edit(&cfg)
		err := cfg.Validate()
		switch {
		case wantErr == "" && err != nil:
			t.Errorf("%s: Validate = %v, want nil", name, err)
		case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
			t.Errorf("%s: Validate = %v, want an error containing %q", name, err, wantErr)
		}
	}
	f("defaults", func(*Config) {}, "")
	f("zero values take defaults", func(c *Config) { *c = Config{Dir: "/d"} }, "")
	f("external", func(c *Config) { *c = Config{URL: "nats://h:4222", Replicas: 3} }, "")
	f("listen", func(c *Config) { c.Listen = "127.0.0.1:0" }, "")
	f("no dir", func(c *Config) { c.Dir = "" }, "dir is required")
	f("listen with url", func(c *Config) { c.URL, c.Listen = "nats://h", ":4222" }, "mutually exclusive")
	f("bad listen", func(c *Config) { c.Listen = "nohostport" }, "listen")
	f("bad listen port", func(c *Config) { c.Listen = ":99999" }, "invalid port")
	f("dotted stream", func(c *Config) { c.Stream = "a.b" }, "stream")
	f("huge message", func(c *Config) { c.MaxMsgSize = 64 << 20; c.MaxBytes = 1 << 30 }, "max_msg_size")
	f("tiny stream", func(c *Config) { c.MaxBytes = 1 << 10 }, "max_bytes")
	f("negative disk", func(c *Config) { c.MinFreeDisk = -1 }, "min_free_disk")
	f("bad sync", func(c *Config) { c.Sync = "never" }, "sync")
	f("short window", func(c *Config) { c.DuplicateWindow = time.Millisecond }, "duplicate_window")
	f("replicas", func(c *Config) { *c = Config{URL: "nats://h", Replicas: 7} }, "replicas")
	f("token and creds", func(c *Config) { c.URL, c.Listen, c.Token, c.CredentialsFile = "nats://h", "", "t", "f" }, "mutually exclusive")
	f("creds embedded", func(c *Config) { c.CredentialsFile = "f" }, "credentials_file")
}

func TestValidateReportsAllProblems(t *testing.T) {
	cfg := Config{Sync: "never", MinFreeDisk: -1}
	err := cfg.Validate()
	for _, want := range []string{"dir", "sync", "min_free_disk"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate = %v, want it to mention %q", err, want)
		}
	}
}

func TestEmbeddedServerOptions(t *testing.T) {
	cfg := DefaultConfig().withDefaults()
	cfg.Dir, cfg.Sync, cfg.Listen = "/data/q", SyncAlways, "127.0.0.1:0"
	opts, err := serverOptions(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !opts.SyncAlways || opts.DontListen || opts.Port != -1 || opts.StoreDir != "/data/q" {
		t.Errorf("options = sync %v dontListen %v port %d dir %q", opts.SyncAlways, opts.DontListen, opts.Port, opts.StoreDir)
	}
	if int64(opts.MaxPayload) <= cfg.MaxMsgSize || opts.JetStreamMaxStore < cfg.MaxBytes+cfg.dlqMaxBytes() {
		t.Errorf("limits: max_payload %d for messages of %d, max_store %d", opts.MaxPayload, cfg.MaxMsgSize, opts.JetStreamMaxStore)
	}
	cfg.Listen, cfg.Sync = "", SyncDefault
	if opts, _ = serverOptions(cfg); !opts.DontListen || opts.SyncAlways {
		t.Errorf("default options listen or sync always")
	}
}
