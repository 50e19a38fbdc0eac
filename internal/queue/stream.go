package queue

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// streamConfig is the work queue: a message stays until the indexer acks it,
// and a full stream refuses new messages instead of dropping old ones.
func streamConfig(cfg Config) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "logstack event queue (inputs -> indexer)",
		Subjects:    []string{cfg.subject()},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.WorkQueuePolicy,
		Discard:     jetstream.DiscardNew,
		MaxBytes:    cfg.MaxBytes,
		MaxMsgs:     -1,
		MaxMsgSize:  cfg.streamMsgSize(),
		Duplicates:  cfg.DuplicateWindow,
		Replicas:    cfg.Replicas,
	}
}

// dlqStreamConfig keeps dead letters until an operator deletes them: limits
// retention without age, and DiscardNew so old evidence is never dropped.
func dlqStreamConfig(cfg Config) jetstream.StreamConfig {
	return jetstream.StreamConfig{
		Name:        cfg.dlqStream(),
		Description: "logstack dead letters (events the store rejected)",
		Subjects:    []string{cfg.dlqSubject()},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		Discard:     jetstream.DiscardNew,
		MaxBytes:    cfg.dlqMaxBytes(),
		MaxMsgs:     -1,
		MaxMsgSize:  cfg.streamMsgSize(),
		Duplicates:  cfg.DuplicateWindow,
		Replicas:    cfg.Replicas,
	}
}

// ensureStreams creates both streams or updates them to the configuration;
// it is idempotent, so every process sharing a cluster may call it on start.
func ensureStreams(ctx context.Context, js jetstream.JetStream, cfg Config) (main, dlq jetstream.Stream, err error) {
	main, err = js.CreateOrUpdateStream(ctx, streamConfig(cfg))
	if err != nil {
		return nil, nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, classify(err))
	}
	dlq, err = js.CreateOrUpdateStream(ctx, dlqStreamConfig(cfg))
	if err != nil {
		return nil, nil, fmt.Errorf("queue: stream %s: %w", cfg.dlqStream(), classify(err))
	}
	return main, dlq, nil
}
