package queue

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Sync modes for Config.Sync.
const (
	// SyncDefault writes every message to the file before the publish is
	// acknowledged and leaves flushing to the OS page cache: accepted data
	// survives a crash or SIGKILL of the process, not a power loss.
	SyncDefault = "default"
	// SyncAlways also fsyncs before acknowledging: accepted data survives a
	// power loss, at the cost of one fsync per publish.
	SyncAlways = "always"
)

// Size limits derived from the configuration.
const (
	// headerRoom is reserved on top of MaxMsgSize for NATS headers
	// (Nats-Msg-Id, Logstack-Reason), so that a payload of exactly
	// MaxMsgSize bytes is still accepted.
	headerRoom = 8 << 10
	// maxReasonLen caps the dead-letter reason header to stay in headerRoom.
	maxReasonLen = 1 << 10
	// maxMsgIDLen caps the message id header to stay in headerRoom.
	maxMsgIDLen = 1 << 10
	// maxMsgSizeLimit keeps max_payload well below nats-server's default
	// max_pending (64 MiB), which it must not exceed.
	maxMsgSizeLimit = 32 << 20
)

// Config says where the queue lives and how much it may hold; it is decoded
// by the config package, so every field has a meaningful zero or a default
// from DefaultConfig.
type Config struct {
	// URL of an external NATS JetStream cluster; empty runs nats-server
	// embedded in this process.
	URL string
	// Listen is host:port where the embedded server accepts connections from
	// other logstack processes; empty opens no port at all.
	Listen string
	// Dir is the data directory of the embedded server (file store under
	// Dir/jetstream); required unless URL is set.
	Dir string
	// Stream is the JetStream stream name; the subject is "<Stream>.events"
	// and the dead-letter stream "<Stream>-dlq".
	Stream string
	// MaxBytes is the stream's byte limit; at the limit publishes fail with
	// ErrFull and nothing already stored is discarded.
	MaxBytes int64
	// MaxMsgSize is the largest payload Publish accepts (ErrTooLarge above).
	MaxMsgSize int64
	// MinFreeDisk stops publishing (ErrDiskLow) when the filesystem of Dir
	// has less free space; 0 disables the check. Embedded server only.
	MinFreeDisk int64
	// Sync is SyncDefault or SyncAlways (embedded server only; an external
	// server has its own sync_always setting).
	Sync string
	// DuplicateWindow is how long a message id is remembered, so that a
	// publish retried within it is stored once.
	DuplicateWindow time.Duration
	// Replicas of the streams on an external cluster; always 1 embedded.
	Replicas int
	// Token authenticates to an external server, or is required from clients
	// of an embedded server that listens.
	Token string
	// CredentialsFile is a NATS .creds file (JWT and nkey seed) for an
	// external server.
	CredentialsFile string
}

// DefaultConfig returns the settings a single-node logstack starts with, so
// that a config file only needs to name what it changes.
func DefaultConfig() Config {
	return Config{
		Stream:          "logstack",
		MaxBytes:        1 << 30,
		MaxMsgSize:      4 << 20,
		MinFreeDisk:     256 << 20,
		Sync:            SyncDefault,
		DuplicateWindow: 2 * time.Minute,
		Replicas:        1,
	}
}

// withDefaults fills the fields whose zero value is not meaningful.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.Stream == "" {
		c.Stream = d.Stream
	}
	if c.MaxBytes == 0 {
		c.MaxBytes = d.MaxBytes
	}
	if c.MaxMsgSize == 0 {
		c.MaxMsgSize = d.MaxMsgSize
	}
	if c.Sync == "" {
		c.Sync = d.Sync
	}
	if c.DuplicateWindow == 0 {
		c.DuplicateWindow = d.DuplicateWindow
	}
	if c.Replicas == 0 || c.embedded() {
		c.Replicas = 1
	}
	return c
}

// embedded reports whether this configuration runs nats-server in-process.
func (c Config) embedded() bool { return c.URL == "" }

// Validate reports every problem in the configuration at once (after
// defaults), so that logstack fails at start-up rather than on first publish.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.embedded() && c.Dir == "" {
		add("queue: dir is required for the embedded server")
	}
	if !c.embedded() && c.Listen != "" {
		add("queue: listen and url are mutually exclusive")
	}
	if c.Listen != "" {
		if _, _, err := listenHostPort(c.Listen); err != nil {
			add("queue: listen %q: %w", c.Listen, err)
		}
	}
	if strings.ContainsAny(c.Stream, ".*> \t\r\n/\\") {
		add("queue: stream %q must not contain '.', '*', '>', '/', '\\' or whitespace", c.Stream)
	}
	if c.MaxMsgSize < 0 || c.MaxMsgSize > maxMsgSizeLimit {
		add("queue: max_msg_size %d must be between 1 and %d", c.MaxMsgSize, maxMsgSizeLimit)
	}
	if c.MaxBytes < c.MaxMsgSize+headerRoom {
		add("queue: max_bytes %d must hold at least one message of max_msg_size %d", c.MaxBytes, c.MaxMsgSize)
	}
	if c.MinFreeDisk < 0 {
		add("queue: min_free_disk %d must not be negative", c.MinFreeDisk)
	}
	if c.Sync != SyncDefault && c.Sync != SyncAlways {
		add("queue: sync %q must be %q or %q", c.Sync, SyncDefault, SyncAlways)
	}
	if c.DuplicateWindow < 100*time.Millisecond {
		add("queue: duplicate_window %s must be at least 100ms", c.DuplicateWindow)
	}
	if c.Replicas < 1 || c.Replicas > 5 {
		add("queue: replicas %d must be between 1 and 5", c.Replicas)
	}
	if c.Token != "" && c.CredentialsFile != "" {
		add("queue: token and credentials_file are mutually exclusive")
	}
	if c.embedded() && c.CredentialsFile != "" {
		add("queue: credentials_file needs an external url")
	}
	return errors.Join(errs...)
}

// subject is where inputs publish and the indexer consumes.
func (c Config) subject() string { return c.Stream + ".events" }

// dlqStream is the dead-letter stream's name.
func (c Config) dlqStream() string { return c.Stream + "-dlq" }

// dlqSubject is the dead-letter stream's only subject.
func (c Config) dlqSubject() string { return c.Stream + ".dlq" }

// streamMsgSize is the per-message limit set on both streams: the payload
// plus room for headers (the server counts headers against it).
func (c Config) streamMsgSize() int32 { return int32(c.MaxMsgSize + headerRoom) }

// dlqMaxBytes bounds the dead-letter stream to a quarter of the main stream
// (at least a few maximum-size messages), so that rejected data cannot take
// the room the live queue needs.
func (c Config) dlqMaxBytes() int64 {
	return max(c.MaxBytes/4, 4*(c.MaxMsgSize+headerRoom))
}

// listenHostPort splits Listen into the embedded server's host and port;
// port 0 asks for a random free port (nats-server spells that -1).
func listenHostPort(listen string) (string, int, error) {
	host, p, err := net.SplitHostPort(listen)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("invalid port %q", p)
	}
	if port == 0 {
		port = -1 // server.RANDOM_PORT; 0 would mean the default 4222
	}
	return host, port, nil
}
