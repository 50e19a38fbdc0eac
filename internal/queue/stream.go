package queue

import (
	"context"
	"errors"
	"fmt"
	"slices"

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
	main, err = ensureStream(ctx, js, streamConfig(cfg))
	if err != nil {
		return nil, nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, classify(err))
	}
	dlq, err = ensureStream(ctx, js, dlqStreamConfig(cfg))
	if err != nil {
		return nil, nil, fmt.Errorf("queue: stream %s: %w", cfg.dlqStream(), classify(err))
	}
	return main, dlq, nil
}

// errCodeSubjectOverlap is JetStream's "subjects overlap with an existing
// stream" (10065), which nats.go has no constant for.
const errCodeSubjectOverlap jetstream.ErrorCode = 10065

// ensureStream looks the stream up, creates it when missing and updates it
// only when the settings logstack sets differ. Processes starting at once
// may all find it missing and all create it: the losers get "stream name
// already in use" or, from nats-server 2.9, "subjects overlap" with the
// winner's new stream, and look it up again. Updating only on a change
// keeps those processes from updating one stream at once, which crashes
// nats-server 2.9.10 (a nil dereference in stream.updateWithAdvisory).
func ensureStream(ctx context.Context, js jetstream.JetStream, sc jetstream.StreamConfig) (jetstream.Stream, error) {
	for try := 0; ; try++ {
		s, err := js.Stream(ctx, sc.Name)
		switch {
		case err == nil && sameSettings(s.CachedInfo().Config, sc):
			return s, nil
		case err == nil:
			return js.UpdateStream(ctx, sc)
		case !errors.Is(err, jetstream.ErrStreamNotFound):
			return nil, err
		}
		s, err = js.CreateStream(ctx, sc)
		if err == nil || !lostCreateRace(err) || try == 3 {
			return s, err
		}
	}
}

// sameSettings compares the settings streamConfig and dlqStreamConfig set;
// a difference the server's defaults cause only costs an update.
func sameSettings(have, want jetstream.StreamConfig) bool {
	return slices.Equal(have.Subjects, want.Subjects) && have.Description == want.Description &&
		have.Storage == want.Storage && have.Retention == want.Retention && have.Discard == want.Discard &&
		have.MaxBytes == want.MaxBytes && have.MaxMsgs == want.MaxMsgs && have.MaxMsgSize == want.MaxMsgSize &&
		have.Duplicates == want.Duplicates && have.Replicas == max(want.Replicas, 1)
}

// lostCreateRace reports whether err is what a concurrent creation of the
// same stream answers.
func lostCreateRace(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) &&
		(apiErr.ErrorCode == jetstream.JSErrCodeStreamNameInUse || apiErr.ErrorCode == errCodeSubjectOverlap)
}
