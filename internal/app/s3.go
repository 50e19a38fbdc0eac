package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/logstack/logstack/internal/broker"
	"github.com/logstack/logstack/internal/event"
	"github.com/logstack/logstack/internal/input/s3hook"
	"github.com/logstack/logstack/internal/input/s3notify"
	"github.com/logstack/logstack/internal/input/sqsin"
	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/objstore"
	"github.com/logstack/logstack/internal/queue"
)

// s3Input is the input name of events read from S3 objects.
const s3Input = "s3"

// DeadLetterFile is where the S3 inputs record notifications and objects
// they gave up on, relative to the data directory.
const DeadLetterFile = "s3/dead-letters.jsonl"

// startS3Inputs starts the S3 notification inputs (after the queue, so
// their events have somewhere to go): the SQS consumer now, the webhook
// when the HTTP server mounts it.
func (a *App) startS3Inputs(ctx context.Context) error {
	in := a.cfg.Inputs
	if !in.SQS.Enabled && !in.S3Webhook.Enabled {
		return nil
	}
	disp, err := a.s3Dispatcher(ctx)
	if err != nil {
		return err
	}
	if in.S3Webhook.Enabled {
		keys, err := loadKeys(a.cfg, in.S3Webhook.Auth)
		if err != nil {
			return fmt.Errorf("inputs.s3_webhook.auth: %w", err)
		}
		d := *disp
		d.Input = "s3_webhook"
		a.s3hook = s3hook.New(s3hook.Config{
			Path:         in.S3Webhook.Path,
			Auth:         keys,
			SNSTopics:    in.S3Webhook.SNSTopics,
			MaxBodyBytes: int64(a.cfg.HTTP.MaxBodyBytes),
		}, &d, a.log, a.reg)
	}
	if in.SQS.Enabled {
		return a.startSQS(ctx, disp)
	}
	return nil
}

func (a *App) startSQS(ctx context.Context, disp *s3notify.Dispatcher) error {
	c, s := a.cfg.Inputs.SQS, a.cfg.S3
	client, err := sqsin.NewClient(ctx, sqsin.ClientConfig{
		Region:          s.Region,
		QueueURL:        c.QueueURL,
		Endpoint:        c.Endpoint,
		AccessKeyID:     s.AccessKeyID.Value(),
		SecretAccessKey: s.SecretAccessKey.Value(),
	})
	if err != nil {
		return err
	}
	d := *disp
	d.Input = "sqs"
	consumer := sqsin.New(sqsin.Config{
		QueueURL:          c.QueueURL,
		WaitTime:          time.Duration(c.WaitTime),
		VisibilityTimeout: time.Duration(c.VisibilityTimeout),
		MaxReceiveCount:   c.MaxReceiveCount,
		Concurrency:       c.Concurrency,
	}, client, &d, a.log, a.reg)
	if err := consumer.Start(ctx); err != nil {
		return err
	}
	a.sqs = consumer
	a.onStop(func() error { return consumer.Shutdown(context.Background()) })
	a.health.Add("input.sqs", consumer.Check)
	return nil
}

// s3Dispatcher builds what both S3 inputs share: the object store client,
// the log processor publishing through the broker, and the dead-letter log.
func (a *App) s3Dispatcher(ctx context.Context) (*s3notify.Dispatcher, error) {
	s := a.cfg.S3
	store, err := objstore.New(ctx, objstore.Config{
		Endpoint:        s.Endpoint,
		Region:          s.Region,
		PathStyle:       s.PathStyle,
		AccessKeyID:     s.AccessKeyID.Value(),
		SecretAccessKey: s.SecretAccessKey.Value(),
	}, a.log)
	if err != nil {
		return nil, err
	}
	sink := brokerSink{a.publisher()}
	return &s3notify.Dispatcher{
		Handler:     &objectHandler{store: store, proc: logfile.NewProcessor(logfile.Config{}, sink, a.log, a.reg)},
		DeadLetters: s3notify.NewFileDeadLetters(filepath.Join(a.cfg.DataDir, DeadLetterFile)),
		Metrics:     s3notify.NewMetrics(a.reg),
	}, nil
}

// objectHandler reads an announced object from the store and runs it
// through the log processor, translating logfile's permanent errors into
// s3notify's.
type objectHandler struct {
	store *objstore.Client
	proc  *logfile.Processor
}

func (h *objectHandler) HandleObject(ctx context.Context, o s3notify.Object) error {
	obj := logfile.Object{Bucket: o.Bucket, Key: o.Key, VersionID: o.VersionID, ETag: o.ETag, Size: o.Size}
	body, err := h.store.Open(ctx, obj)
	if err != nil {
		return classifyObjectErr(err)
	}
	defer body.Close()
	_, err = h.proc.Process(ctx, obj, body)
	return classifyObjectErr(err)
}

func classifyObjectErr(err error) error {
	if logfile.Permanent(err) {
		return s3notify.Permanent(err)
	}
	return err
}

// brokerSink delivers processed log objects to the queue: Publish for
// events, PublishLines for the parser's JSON lines (no map per event).
type brokerSink struct{ b *broker.Broker }

var _ logfile.LineSink = brokerSink{}

// Deliver implements logfile.Sink.
func (s brokerSink) Deliver(ctx context.Context, events []event.Event) error {
	return permanentIfTooLarge(s.b.Publish(ctx, s3Input, events))
}

// DeliverLines implements logfile.LineSink.
func (s brokerSink) DeliverLines(ctx context.Context, data []byte, ids []string) error {
	return permanentIfTooLarge(s.b.PublishLines(ctx, s3Input, data, ids))
}

// permanentIfTooLarge marks an event over the queue's message limit as not
// worth a retry.
func permanentIfTooLarge(err error) error {
	if errors.Is(err, queue.ErrTooLarge) {
		return fmt.Errorf("%w: %w", logfile.ErrPermanent, err)
	}
	return err
}
