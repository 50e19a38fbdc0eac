package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Validate checks that every setting is usable (addresses parse, sizes
// and counts are positive, retention is at least 1h, enumerations hold a
// known value) and returns all problems joined, located in the files when
// c came from Load. Load already calls it; call it again after changing a
// Config in code.
func (c *Config) Validate() error {
	return errors.Join(c.problems()...)
}

// validator collects the problems of one Validate call.
type validator struct {
	c     *Config
	probs []error
}

// fail records a problem with the setting at path.
func (v *validator) fail(path, format string, args ...any) {
	v.probs = append(v.probs, v.c.problem(path, errorf(ErrInvalid, format, args...)))
}

func (c *Config) problems() []error {
	v := &validator{c: c}
	v.general()
	v.role()
	v.http()
	v.inputs()
	v.queue()
	v.indexer()
	v.store()
	v.s3()
	v.alerting()
	return v.probs
}

func (v *validator) general() {
	c := v.c
	for k := range c.Vars {
		if !isVarName(k) {
			v.fail("vars."+k, "var names use letters, digits, '_', '.' and '-', so @@%s@@ could never refer to it", k)
		}
	}
	if c.DataDir == "" {
		v.fail("data_dir", "must not be empty")
	}
	v.oneOf("log.level", c.Log.Level, "debug", "info", "warn", "error")
	v.oneOf("log.format", c.Log.Format, "json", "text")
}

func (v *validator) http() {
	h := v.c.HTTP
	v.addr("http.addr", h.Addr)
	v.tls("http.tls", h.TLS)
	v.positiveSize("http.max_body_bytes", h.MaxBodyBytes)
	v.nonNegative("http.shutdown_delay", h.ShutdownDelay)
	v.positive("http.read_timeout", h.ReadTimeout)
}

func (v *validator) inputs() {
	in := v.c.Inputs
	v.positiveInt("inputs.http.max_events_per_request", in.HTTP.MaxEventsPerRequest)
	v.auth("inputs.http.auth", in.HTTP.Auth)
	v.auth("inputs.bulk.auth", in.Bulk.Auth)
	v.auth("api.auth", v.c.API.Auth)
	t := in.TCP
	v.addr("inputs.tcp.addr", t.Addr)
	v.tls("inputs.tcp.tls", t.TLS)
	v.positiveSize("inputs.tcp.max_line_bytes", t.MaxLineBytes)
	v.positiveInt("inputs.tcp.batch_events", t.BatchEvents)
	v.nonNegative("inputs.tcp.batch_wait", t.BatchWait)
	v.positiveInt("inputs.tcp.max_connections", t.MaxConnections)
	v.positiveInt("inputs.limits.max_depth", in.Limits.MaxDepth)
}

func (v *validator) queue() {
	q := v.c.Queue
	v.queueURL(q.URL)
	if q.Listen != "" {
		v.addr("queue.listen", q.Listen)
		if q.URL != "" {
			v.fail("queue.listen", "applies to the embedded server only; leave it empty when queue.url is set")
		}
	}
	if q.Stream == "" || strings.ContainsAny(q.Stream, " \t\r\n.*>/\\") {
		v.fail("queue.stream", "invalid stream name %q: non-empty, without whitespace, '.', '*', '>', '/' or '\\'", q.Stream)
	}
	v.positiveSize("queue.max_bytes", q.MaxBytes)
	v.positiveSize("queue.max_message_bytes", q.MaxMessageBytes)
	if q.MaxMessageBytes > q.MaxBytes {
		v.fail("queue.max_message_bytes", "%s exceeds queue.max_bytes (%s)", q.MaxMessageBytes, q.MaxBytes)
	}
	v.oneOf("queue.sync", q.Sync, "default", "always")
	if q.MinFreeDisk < 0 {
		v.fail("queue.min_free_disk", "must not be negative")
	}
	v.positive("queue.duplicate_window", q.DuplicateWindow)
	if q.CredentialsFile != "" && q.Token != "" {
		v.fail("queue.token", "set only one of queue.token (or token_file) and queue.credentials_file")
	}
}

func (v *validator) indexer() {
	ix := v.c.Indexer
	v.positiveInt("indexer.batch_events", ix.BatchEvents)
	v.nonNegative("indexer.batch_wait", ix.BatchWait)
	v.positive("indexer.ack_wait", ix.AckWait)
	if ix.AckWait > 0 && ix.AckWait <= ix.BatchWait {
		v.fail("indexer.ack_wait", "%s must exceed indexer.batch_wait (%s), or every batch is redelivered", ix.AckWait, ix.BatchWait)
	}
	if ix.MaxDeliveries < 0 {
		v.fail("indexer.max_deliveries", "must not be negative (0 retries forever)")
	}
}

func (v *validator) store() {
	s := v.c.Store
	v.oneOf("store.type", s.Type, "duckdb", "elasticsearch")
	v.elasticsearch()
	if s.Retention.Std() < time.Hour {
		v.fail("store.retention", "%s is less than the minimum of 1h", s.Retention)
	}
	v.positive("store.retention_interval", s.RetentionInterval)
	if s.DuckDB.MemoryLimit < 0 {
		v.fail("store.duckdb.memory_limit", "must not be negative (0 keeps DuckDB's default)")
	}
	if s.DuckDB.Threads < 0 {
		v.fail("store.duckdb.threads", "must not be negative (0 keeps DuckDB's default)")
	}
	seen := map[string]bool{}
	for i, col := range s.Columns {
		p := "store.columns[" + strconv.Itoa(i) + "]"
		switch {
		case col.Field == "":
			v.fail(p+".field", "must not be empty")
		case seen[col.Field]:
			v.fail(p+".field", "column %q is listed twice", col.Field)
		}
		seen[col.Field] = true
		v.oneOf(p+".type", col.Type, "keyword", "text", "long", "double", "ip", "date", "boolean")
	}
}

// oneOf checks an enumeration.
func (v *validator) oneOf(path, got string, allowed ...string) {
	if !slices.Contains(allowed, got) {
		v.fail(path, "%q is not one of %s", got, strings.Join(allowed, ", "))
	}
}

func (v *validator) positive(path string, d Duration) {
	if d <= 0 {
		v.fail(path, "must be positive, got %s", d)
	}
}

func (v *validator) nonNegative(path string, d Duration) {
	if d < 0 {
		v.fail(path, "must not be negative, got %s", d)
	}
}

func (v *validator) positiveSize(path string, b ByteSize) {
	if b <= 0 {
		v.fail(path, "must be positive, got %s", b)
	}
}

func (v *validator) positiveInt(path string, n int) {
	if n <= 0 {
		v.fail(path, "must be positive, got %d", n)
	}
}

// addr checks a listen address: host:port, with an empty host meaning
// every interface and port 0 a free port.
func (v *validator) addr(path, addr string) {
	if err := checkHostPort(addr); err != nil {
		v.fail(path, "invalid address %q: %v", addr, err)
	}
}

func checkHostPort(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("want host:port")
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || strconv.FormatUint(n, 10) != port {
		return fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	return nil
}

// tls checks that a certificate comes with its key.
func (v *validator) tls(path string, t TLS) {
	if (t.CertFile == "") != (t.KeyFile == "") {
		v.fail(path, "set both cert_file and key_file, or neither")
	}
	if t.ClientCAFile != "" && t.CertFile == "" {
		v.fail(path+".client_ca_file", "requires cert_file and key_file (client certificates need TLS)")
	}
}

// auth checks that no configured key is empty, which would let an empty
// header through.
func (v *validator) auth(path string, a Auth) {
	for i, k := range a.APIKeys {
		if k == "" {
			v.fail(path+".api_keys["+strconv.Itoa(i)+"]", "api key is empty (is its variable set?)")
		}
	}
	for i, f := range a.APIKeyFiles {
		if f == "" {
			v.fail(path+".api_key_files["+strconv.Itoa(i)+"]", "must not be empty")
		}
	}
}

// queueURL checks an external server list without echoing it, since a URL
// may carry a password.
func (v *validator) queueURL(raw string) {
	if raw == "" {
		return
	}
	for i, s := range strings.Split(raw, ",") {
		u, err := url.Parse(strings.TrimSpace(s))
		switch {
		case err != nil:
			v.fail("queue.url", "server %d does not parse as a URL", i+1)
		case !slices.Contains([]string{"nats", "tls", "ws", "wss"}, u.Scheme):
			v.fail("queue.url", "server %d: scheme must be nats, tls, ws or wss", i+1)
		case u.Host == "":
			v.fail("queue.url", "server %d: missing host", i+1)
		}
	}
}
