package queue

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Embedded server sizing.
const (
	// maxMemory is JetStream's memory-storage budget; logstack only uses
	// file storage, so it is kept small.
	maxMemory = 16 << 20
	// storeSlack is added to the JetStream storage budget on top of both
	// streams' byte limits (the server reserves MaxBytes per stream).
	storeSlack = 16 << 20
	// defaultStartTimeout bounds start-up when ctx has no deadline.
	defaultStartTimeout = 30 * time.Second
)

// serverOptions builds the embedded nats-server configuration.
//
// Durability, as read in nats-server v2.15.2: stream.go
// (*stream).processJetStreamMsgWithBatch calls store.StoreMsg and sends the
// PubAck only after it returns. For a file stream (*fileStore).StoreMsg ->
// (*fileStore).storeRawMsg -> (*fileStore).writeMsgRecord(..., fs.fip) ->
// (*msgBlock).writeMsgRecordLocked appends the record to the block's cache
// and, when `flush && mb.fs.fip`, calls (*msgBlock).flushPendingMsgsLocked,
// which writes it with (*msgBlock).writeAt (mfd.WriteAt: a pwrite syscall)
// and then, only if fs.syncAlways, mfd.Sync (fsync). fip ("flush in place")
// is !FileStoreConfig.AsyncFlush, and (*Account).addStreamWithAssignmentAndMode
// (stream.go), newFileStoreWithCreatedAndMode and (*fileStore).UpdateConfig
// set AsyncFlush only for Replicas > 1 without SyncAlways, or PersistMode
// "async", which logstack never sets. So for our R1 stream the message is in
// the kernel's page cache before the PubAck even without SyncAlways: it
// survives SIGKILL of this process, and (*fileStore).syncBlocks fsyncs it
// within SyncInterval (default 2m, defaultSyncInterval). With Options.SyncAlways
// (copied to FileStoreConfig.SyncAlways) the fsync also precedes the PubAck,
// so the message survives a power loss too.
//
// StoreDir is Dir because nats-server appends "jetstream" to it: the stream
// files live in Dir/jetstream.
func serverOptions(cfg Config) (*server.Options, error) {
	opts := &server.Options{
		ServerName:             "logstack",
		DontListen:             cfg.Listen == "",
		JetStream:              true,
		JetStreamMaxMemory:     maxMemory,
		JetStreamMaxStore:      cfg.MaxBytes + cfg.dlqMaxBytes() + storeSlack,
		StoreDir:               cfg.Dir,
		SyncAlways:             cfg.Sync == SyncAlways,
		MaxPayload:             int32(cfg.MaxMsgSize + headerRoom),
		Authorization:          cfg.Token,
		NoSigs:                 true,
		NoLog:                  true,
		DisableJetStreamBanner: true,
	}
	if cfg.Listen != "" {
		host, port, err := listenHostPort(cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("queue: listen %q: %w", cfg.Listen, err)
		}
		opts.Host, opts.Port = host, port
	}
	return opts, nil
}

// startEmbedded runs nats-server in this process and waits until it accepts
// connections with JetStream enabled (its stored streams recovered).
func startEmbedded(ctx context.Context, cfg Config, logger *slog.Logger) (*server.Server, error) {
	opts, err := serverOptions(cfg)
	if err != nil {
		return nil, err
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("queue: embedded server: %w", err)
	}
	slog := &serverLog{log: logger.With("subcomponent", "nats-server")}
	srv.SetLoggerV2(slog, false, false, false)
	srv.Start()
	wait := defaultStartTimeout
	if deadline, ok := ctx.Deadline(); ok {
		wait = time.Until(deadline)
	}
	if !srv.ReadyForConnections(wait) || !srv.JetStreamEnabled() {
		srv.Shutdown()
		srv.WaitForShutdown()
		return nil, fmt.Errorf("queue: embedded server did not start within %s: %s", wait, slog.lastFatal())
	}
	return srv, nil
}
