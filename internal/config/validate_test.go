package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestValidate changes one setting of the defaults in code and checks the
// problem's path; such problems have no file location.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   []string // problem paths, in order
	}{
		{"valid tls", func(c *Config) { c.HTTP.TLS = TLS{CertFile: "c", KeyFile: "k", ClientCAFile: "ca"} }, nil},
		{"valid external queue", func(c *Config) { c.Queue.URL = "nats://a:4222, tls://b:4222" }, nil},
		{"ipv6 and any-host addresses", func(c *Config) { c.HTTP.Addr = "[::1]:0"; c.Inputs.TCP.Addr = ":5000" }, nil},
		{"empty data dir", func(c *Config) { c.DataDir = "" }, []string{"data_dir"}},
		{"bad var name", func(c *Config) { c.Vars["has space"] = "x" }, []string{"vars.has space"}},
		{"log level and format", func(c *Config) { c.Log = Log{Level: "trace", Format: "xml"} }, []string{"log.level", "log.format"}},
		{"address without port", func(c *Config) { c.HTTP.Addr = "localhost" }, []string{"http.addr"}},
		{"port out of range", func(c *Config) { c.Inputs.TCP.Addr = "127.0.0.1:70000" }, []string{"inputs.tcp.addr"}},
		{"key without cert", func(c *Config) { c.Inputs.TCP.TLS.KeyFile = "k" }, []string{"inputs.tcp.tls"}},
		{"client ca without tls", func(c *Config) { c.HTTP.TLS.ClientCAFile = "ca" }, []string{"http.tls.client_ca_file"}},
		{"zero sizes", func(c *Config) { c.HTTP.MaxBodyBytes = 0; c.Inputs.TCP.MaxLineBytes = -1 }, []string{"http.max_body_bytes", "inputs.tcp.max_line_bytes"}},
		{"timeouts", func(c *Config) { c.HTTP.ReadTimeout = 0; c.HTTP.ShutdownDelay = -1 }, []string{"http.shutdown_delay", "http.read_timeout"}},
		{"counts", func(c *Config) {
			c.Inputs.HTTP.MaxEventsPerRequest = 0
			c.Inputs.TCP.BatchEvents = 0
			c.Inputs.TCP.MaxConnections = -1
			c.Inputs.Limits.MaxDepth = 0
		}, []string{"inputs.http.max_events_per_request", "inputs.tcp.batch_events", "inputs.tcp.max_connections", "inputs.limits.max_depth"}},
		{"empty api key", func(c *Config) { c.Inputs.Bulk.Auth.APIKeys = []Secret{"ok", ""} }, []string{"inputs.bulk.auth.api_keys[1]"}},
		{"empty api key file", func(c *Config) { c.Inputs.HTTP.Auth.APIKeyFiles = []string{""} }, []string{"inputs.http.auth.api_key_files[0]"}},
		{"queue url scheme", func(c *Config) { c.Queue.URL = "http://a:4222" }, []string{"queue.url"}},
		{"queue url host", func(c *Config) { c.Queue.URL = "nats://" }, []string{"queue.url"}},
		{"listen with url", func(c *Config) { c.Queue.URL = "nats://a:4222"; c.Queue.Listen = "127.0.0.1:4222" }, []string{"queue.listen"}},
		{"stream name", func(c *Config) { c.Queue.Stream = "logs.main" }, []string{"queue.stream"}},
		{"message larger than stream", func(c *Config) { c.Queue.MaxMessageBytes = 2 * GiB }, []string{"queue.max_message_bytes"}},
		{"sync", func(c *Config) { c.Queue.Sync = "never" }, []string{"queue.sync"}},
		{"queue limits", func(c *Config) { c.Queue.MinFreeDisk = -1; c.Queue.DuplicateWindow = 0 }, []string{"queue.min_free_disk", "queue.duplicate_window"}},
		{"token and creds", func(c *Config) { c.Queue.Token = "t"; c.Queue.CredentialsFile = "x.creds" }, []string{"queue.token"}},
		{"ack wait not above batch wait", func(c *Config) { c.Indexer.AckWait = c.Indexer.BatchWait }, []string{"indexer.ack_wait"}},
		{"indexer counts", func(c *Config) { c.Indexer.BatchEvents = 0; c.Indexer.MaxDeliveries = -1 }, []string{"indexer.batch_events", "indexer.max_deliveries"}},
		{"store type", func(c *Config) { c.Store.Type = "cassandra" }, []string{"store.type"}},
		{"retention below 1h", func(c *Config) { c.Store.Retention = Duration(59 * time.Minute) }, []string{"store.retention"}},
		{"retention of exactly 1h", func(c *Config) { c.Store.Retention = Duration(time.Hour) }, nil},
		{"retention interval", func(c *Config) { c.Store.RetentionInterval = 0 }, []string{"store.retention_interval"}},
		{"duckdb", func(c *Config) { c.Store.DuckDB.MemoryLimit = -1; c.Store.DuckDB.Threads = -1 }, []string{"store.duckdb.memory_limit", "store.duckdb.threads"}},
		{"columns", func(c *Config) {
			c.Store.Columns = []Column{{Field: "a", Type: "long"}, {Field: "", Type: "ip"}, {Field: "a", Type: "text"}, {Field: "b", Type: "string"}}
		}, []string{"store.columns[1].field", "store.columns[2].field", "store.columns[3].type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.change(c)
			err := c.Validate()
			var got []string
			for _, p := range Problems(err) {
				got = append(got, p.Path)
				if p.File != "" || p.Line != 0 {
					t.Errorf("problem %v has a location, but the value was set in code", p)
				}
				if !errors.Is(p, ErrInvalid) {
					t.Errorf("problem %v is not ErrInvalid", p)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("problems at %q, want %q\n%v", got, tt.want, err)
			}
		})
	}
}

func TestValidateNeverEchoesQueueURL(t *testing.T) {
	c := Default()
	c.Queue.URL = "http://user:pa55word@host:4222"
	err := c.Validate()
	if err == nil || strings.Contains(err.Error(), "pa55word") {
		t.Fatalf("err = %v", err)
	}
}
