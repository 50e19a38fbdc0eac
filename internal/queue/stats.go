package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Stats is a point-in-time view of the queue for metrics, the CLI and
// capacity decisions (how close to full, how far behind the indexer is).
type Stats struct {
	// Bytes and Messages are what the queue stream holds: in a work queue,
	// everything not yet acknowledged by the indexer.
	Bytes, Messages uint64
	// MaxBytes is the stream's byte limit (ErrFull beyond it).
	MaxBytes int64
	// OldestUnacked is when the oldest message still queued was published
	// (zero when empty); its age is the indexer's lag.
	OldestUnacked time.Time
	// DeadLetterBytes and DeadLetterMessages describe the dead-letter stream.
	DeadLetterBytes, DeadLetterMessages uint64
	// Consumers lists the durable consumers of the queue stream.
	Consumers []ConsumerStats
}

// ConsumerStats says how much work a consumer has left.
type ConsumerStats struct {
	// Name is the durable name.
	Name string
	// Pending counts messages not yet delivered to the consumer.
	Pending uint64
	// AckPending counts messages delivered but not yet acknowledged.
	AckPending int
	// Redelivered counts messages delivered more than once and not yet acked.
	Redelivered int
}

// Stats asks the server for the current state of both streams and the
// consumers; it costs a few round trips, so metrics use a cached copy.
func (q *Queue) Stats(ctx context.Context) (Stats, error) {
	if err := q.usable(); err != nil {
		return Stats{}, err
	}
	info, err := q.stream.Info(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("queue: stats: %w", classify(err))
	}
	st := Stats{Bytes: info.State.Bytes, Messages: info.State.Msgs, MaxBytes: info.Config.MaxBytes}
	if info.State.Msgs > 0 {
		st.OldestUnacked = info.State.FirstTime
	}
	dlq, err := q.dlq.Info(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("queue: stats: %w", classify(err))
	}
	st.DeadLetterBytes, st.DeadLetterMessages = dlq.State.Bytes, dlq.State.Msgs
	if st.Consumers, err = q.consumerStats(ctx); err != nil {
		return Stats{}, err
	}
	return st, nil
}

// consumerStats lists the consumers of the queue stream.
func (q *Queue) consumerStats(ctx context.Context) ([]ConsumerStats, error) {
	lister := q.stream.ListConsumers(ctx)
	var out []ConsumerStats
	for ci := range lister.Info() {
		out = append(out, consumerStatsFrom(ci))
	}
	if err := lister.Err(); err != nil {
		return nil, fmt.Errorf("queue: stats: consumers: %w", classify(err))
	}
	return out, nil
}

// consumerStatsFrom converts the server's consumer info.
func consumerStatsFrom(ci *jetstream.ConsumerInfo) ConsumerStats {
	return ConsumerStats{
		Name:        ci.Name,
		Pending:     ci.NumPending,
		AckPending:  ci.NumAckPending,
		Redelivered: ci.NumRedelivered,
	}
}

// Ping reports whether a publish could succeed now (open, connected, disk
// above the minimum, stream reachable with room for one more maximum-size
// message), so /readyz can take a full or unreachable queue out of rotation.
func (q *Queue) Ping(ctx context.Context) error {
	if err := q.usable(); err != nil {
		return err
	}
	if !q.nc.IsConnected() {
		return fmt.Errorf("%w: not connected (%s)", ErrUnavailable, q.nc.Status())
	}
	if err := q.disk.check(); err != nil {
		return err
	}
	info, err := q.stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("queue: ping: %w", classify(err))
	}
	limit := info.Config.MaxBytes
	if free := limit - int64(info.State.Bytes); limit > 0 && free < int64(q.cfg.streamMsgSize()) {
		return fmt.Errorf("%w: %d of %d bytes used", ErrFull, info.State.Bytes, limit)
	}
	return nil
}
