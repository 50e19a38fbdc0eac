package sqsin

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Client is the part of the SQS API the consumer uses; *sqs.Client
// implements it.
type Client interface {
	ReceiveMessage(ctx context.Context, in *sqs.ReceiveMessageInput, opts ...func(*sqs.Options)) (*sqs.ReceiveMessageOutput, error)
	DeleteMessage(ctx context.Context, in *sqs.DeleteMessageInput, opts ...func(*sqs.Options)) (*sqs.DeleteMessageOutput, error)
	ChangeMessageVisibility(ctx context.Context, in *sqs.ChangeMessageVisibilityInput, opts ...func(*sqs.Options)) (*sqs.ChangeMessageVisibilityOutput, error)
}

var _ Client = (*sqs.Client)(nil)

// Config is what the consumer needs from the configuration.
type Config struct {
	// QueueURL is the queue's URL as SQS reports it.
	QueueURL string
	// WaitTime is the long-polling wait of one ReceiveMessage (0 to 20s).
	WaitTime time.Duration
	// VisibilityTimeout hides a received message from other consumers;
	// it is extended every third of it while the message is processed.
	VisibilityTimeout time.Duration
	// MaxReceiveCount dead-letters a message received more often than
	// this; 0 never does (use the queue's redrive policy then).
	MaxReceiveCount int
	// Concurrency is how many messages are processed at once.
	Concurrency int
	// RetryBackoff is how long a message that failed for now stays hidden,
	// times its deliveries so far and at most VisibilityTimeout: a
	// transient failure (queue full) is retried soon rather than after the
	// whole visibility timeout. Zero means 30s.
	RetryBackoff time.Duration
	// RetryDelay is the first pause after a failed poll; it doubles up to
	// a minute. Zero means one second.
	RetryDelay time.Duration
}

// maxBatch is SQS's limit for MaxNumberOfMessages.
const maxBatch = 10

func (c *Config) defaults() {
	if c.Concurrency <= 0 {
		c.Concurrency = 1
	}
	if c.VisibilityTimeout < time.Second {
		c.VisibilityTimeout = 5 * time.Minute
	}
	if c.RetryBackoff <= 0 {
		c.RetryBackoff = 30 * time.Second
	}
	if c.RetryDelay <= 0 {
		c.RetryDelay = time.Second
	}
	c.WaitTime = min(max(c.WaitTime, 0), 20*time.Second)
}
