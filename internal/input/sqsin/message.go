package sqsin

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/logstack/logstack/internal/input/s3notify"
)

// apiTimeout bounds a delete or visibility change, which also run while
// shutting down.
const apiTimeout = 10 * time.Second

func (c *Consumer) receive(ctx context.Context, n int) ([]types.Message, error) {
	out, err := c.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl:                    aws.String(c.cfg.QueueURL),
		MaxNumberOfMessages:         int32(n),
		WaitTimeSeconds:             int32(c.cfg.WaitTime / time.Second),
		VisibilityTimeout:           seconds(c.cfg.VisibilityTimeout),
		MessageSystemAttributeNames: []types.MessageSystemAttributeName{types.MessageSystemAttributeNameApproximateReceiveCount},
	})
	if err != nil {
		return nil, err
	}
	return out.Messages, nil
}

// handle processes one message to its end: deleted, dead-lettered and
// deleted, or left for redelivery.
func (c *Consumer) handle(ctx context.Context, m types.Message) {
	c.m.inFlight.Inc()
	defer c.m.inFlight.Dec()
	ref, body := aws.ToString(m.MessageId), aws.ToString(m.Body)
	if n := receiveCount(m) - c.excuse.of(ref); c.cfg.MaxReceiveCount > 0 && n > c.cfg.MaxReceiveCount {
		c.poison(ctx, m, fmt.Errorf("received %d times, more than max_receive_count %d", n, c.cfg.MaxReceiveCount))
		return
	}
	n, err := s3notify.Parse([]byte(body))
	if err != nil {
		c.poison(ctx, m, err)
		return
	}
	if n.Test {
		c.delete(m, resultTest)
		return
	}
	stop := c.keepInvisible(ctx, m)
	err = c.disp.Dispatch(ctx, n, ref)
	stop()
	if err != nil {
		c.m.messages.WithLabelValues(resultRetry).Inc()
		c.errLog.Warn(c.log, "sqs message left for redelivery", "message_id", ref, "err", err)
		if excusable(ctx, err) {
			c.excuse.add(ref)
		}
		c.retryLater(m)
		return
	}
	c.delete(m, resultDeleted)
}

// retryLater shortens the visibility of a message that failed for now.
// Failing to do so only delays the retry to the end of the timeout.
func (c *Consumer) retryLater(m types.Message) {
	d := min(c.cfg.VisibilityTimeout, c.cfg.RetryBackoff*time.Duration(max(receiveCount(m), 1)))
	ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
	defer cancel()
	_, err := c.client.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{
		QueueUrl: aws.String(c.cfg.QueueURL), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: seconds(d),
	})
	if err != nil {
		c.m.apiErrors.WithLabelValues("change_visibility").Inc()
	}
}

// poison dead-letters a message and deletes it; when the dead letter
// cannot be written the message stays for redelivery.
func (c *Consumer) poison(ctx context.Context, m types.Message, reason error) {
	if err := c.disp.Poison(ctx, aws.ToString(m.MessageId), []byte(aws.ToString(m.Body)), reason); err != nil {
		c.m.messages.WithLabelValues(resultRetry).Inc()
		c.errLog.Warn(c.log, "sqs poison message kept: dead letter not written", "err", err)
		return
	}
	c.delete(m, resultDeadLetter)
}

// delete removes a handled message. It is not cancelled by shutdown: the
// work is done, and a failed delete only means a harmless redelivery.
func (c *Consumer) delete(m types.Message, result string) {
	ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
	defer cancel()
	_, err := c.client.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(c.cfg.QueueURL), ReceiptHandle: m.ReceiptHandle})
	if err != nil {
		c.m.apiErrors.WithLabelValues("delete").Inc()
		c.errLog.Warn(c.log, "sqs delete failed; the message will be redelivered and deduplicated", "err", err)
		return
	}
	c.excuse.forget(aws.ToString(m.MessageId))
	c.m.messages.WithLabelValues(result).Inc()
}

// keepInvisible extends the message's visibility every third of the
// timeout until the returned stop is called, so a long object is not
// handed to another consumer meanwhile.
func (c *Consumer) keepInvisible(ctx context.Context, m types.Message) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(c.cfg.VisibilityTimeout / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			_, err := c.client.ChangeMessageVisibility(ctx, &sqs.ChangeMessageVisibilityInput{
				QueueUrl:          aws.String(c.cfg.QueueURL),
				ReceiptHandle:     m.ReceiptHandle,
				VisibilityTimeout: seconds(c.cfg.VisibilityTimeout),
			})
			if err != nil {
				if ctx.Err() == nil {
					c.m.apiErrors.WithLabelValues("change_visibility").Inc()
					c.errLog.Warn(c.log, "sqs visibility extension failed", "err", err)
				}
				continue
			}
			c.m.extended.Inc()
		}
	}()
	return func() { cancel(); <-done }
}

func receiveCount(m types.Message) int {
	n, _ := strconv.Atoi(m.Attributes[string(types.MessageSystemAttributeNameApproximateReceiveCount)])
	return n
}

func seconds(d time.Duration) int32 { return int32(d / time.Second) }
