package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/logfile"
	"github.com/logstack/logstack/internal/objstore"
	"github.com/logstack/logstack/internal/ship"
)

// lambdaResult is what the function returns: the processing summary and,
// for SQS triggers, the messages to retry (Lambda's partial batch response,
// ReportBatchItemFailures), so that only those come back.
type lambdaResult struct {
	BatchItemFailures []events.SQSBatchItemFailure `json:"batchItemFailures"`
	Summary           logfile.Summary              `json:"summary"`
}

// runLambda serves Lambda invocations until the runtime stops the process.
// Configuration comes from the function's environment: LOGSTACK_TO
// (required), LOGSTACK_API_KEY, LOGSTACK_FORMAT, LOGSTACK_OMIT_ORIGINAL,
// LOGSTACK_PARALLEL and, for
// S3-compatible stores, LOGSTACK_S3_ENDPOINT and LOGSTACK_S3_PATH_STYLE.
func runLambda(_ []string, _, stderr io.Writer) int {
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	h, err := newLambdaHandler(context.Background(), os.Getenv, logger)
	if err != nil {
		logger.Error("lambda configuration", "error", err)
		return 1
	}
	lambda.Start(h.handle)
	return 0
}

// lambdaHandler processes the objects an invocation names.
type lambdaHandler struct {
	p        *logfile.Processor
	store    *objstore.Client
	parallel int
	log      *slog.Logger
}

func newLambdaHandler(ctx context.Context, getenv func(string) string, logger *slog.Logger) (*lambdaHandler, error) {
	omit, _ := strconv.ParseBool(getenv("LOGSTACK_OMIT_ORIGINAL"))
	cfg := logfile.Config{Format: getenv("LOGSTACK_FORMAT"), OmitOriginal: omit}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if getenv("LOGSTACK_TO") == "" {
		return nil, fmt.Errorf("LOGSTACK_TO is not set (http://logstack:9280 or tcp://logstack:5000)")
	}
	sink, err := ship.New(getenv("LOGSTACK_TO"), getenv("LOGSTACK_API_KEY"), logger)
	if err != nil {
		return nil, err
	}
	pathStyle, _ := strconv.ParseBool(getenv("LOGSTACK_S3_PATH_STYLE"))
	store, err := objstore.New(ctx, objstore.Config{Endpoint: getenv("LOGSTACK_S3_ENDPOINT"), PathStyle: pathStyle}, logger)
	if err != nil {
		return nil, err
	}
	parallel, _ := strconv.Atoi(getenv("LOGSTACK_PARALLEL"))
	if parallel <= 0 {
		parallel = 4
	}
	p := logfile.NewProcessor(cfg, sink, logger, prometheus.NewRegistry())
	return &lambdaHandler{p: p, store: store, parallel: parallel, log: logger}, nil
}

// handle takes an S3 event, an SNS event carrying S3 notifications or an
// SQS event whose messages carry them (directly or SNS-wrapped). For SQS a
// failed message is reported in batchItemFailures and the invocation
// succeeds; otherwise a failure is the invocation's error, so that Lambda
// retries it (safely: event ids are deterministic).
func (h *lambdaHandler) handle(ctx context.Context, raw json.RawMessage) (lambdaResult, error) {
	var sqs events.SQSEvent
	if json.Unmarshal(raw, &sqs) == nil && len(sqs.Records) > 0 && sqs.Records[0].EventSource == "aws:sqs" {
		return h.handleSQS(ctx, sqs), nil
	}
	var res lambdaResult
	objs, err := objstore.ParseNotification(raw)
	if err == nil {
		res.Summary, err = h.process(ctx, objs)
	}
	if err != nil {
		h.log.Error("invocation failed", "error", err, "summary", res.Summary)
	}
	return res, err
}

// handleSQS processes each message on its own, so that one bad object only
// fails (and retries) its message.
func (h *lambdaHandler) handleSQS(ctx context.Context, ev events.SQSEvent) lambdaResult {
	var res lambdaResult
	for _, m := range ev.Records {
		objs, err := objstore.ParseNotification([]byte(m.Body))
		var sum logfile.Summary
		if err == nil {
			sum, err = h.process(ctx, objs)
		}
		res.Summary.Add(sum)
		if err != nil {
			h.log.Error("message failed", "message_id", m.MessageId, "error", err)
			res.BatchItemFailures = append(res.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		}
	}
	return res
}

func (h *lambdaHandler) process(ctx context.Context, objs []logfile.Object) (logfile.Summary, error) {
	list := func(yield func(logfile.Object) error) error {
		for _, o := range objs {
			if err := yield(o); err != nil {
				return err
			}
		}
		return nil
	}
	return h.p.ProcessAll(ctx, list, h.store.Open, h.parallel)
}
