package queue

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

func TestClassify(t *testing.T) {
	api := func(code jetstream.ErrorCode, desc string) error {
		return fmt.Errorf("nats: %w", &jetstream.APIError{Code: 503, ErrorCode: code, Description: desc})
	}
	f := func(err, want error, retryable bool) {
		t.Helper()
		got := classify(err)
		if want == nil && got != err {
			t.Errorf("classify(%v) = %v, want it unchanged", err, got)
		}
		if want != nil && !errors.Is(got, want) {
			t.Errorf("classify(%v) = %v, want %v", err, got, want)
		}
		if !errors.Is(got, err) {
			t.Errorf("classify(%v) lost the cause", err)
		}
		if Retryable(got) != retryable {
			t.Errorf("Retryable(classify(%v)) = %v, want %v", err, !retryable, retryable)
		}
	}
	f(api(10077, "maximum bytes exceeded"), ErrFull, true)
	f(api(10077, "maximum messages exceeded"), ErrFull, true)
	f(api(10077, "message too large"), ErrTooLarge, false)
	f(api(10077, "some io error"), ErrUnavailable, true)
	f(api(10047, "insufficient storage resources available"), ErrFull, true)
	f(api(10023, "insufficient resources"), ErrFull, true)
	f(api(10002, "resource limits exceeded for account"), ErrFull, true)
	f(api(10054, "message size exceeds maximum allowed"), ErrTooLarge, false)
	f(api(10059, "stream not found"), ErrUnavailable, true)
	f(api(10060, "expected stream does not match"), nil, false)
	f(nats.ErrMaxPayload, ErrTooLarge, false)
	f(nats.ErrTimeout, ErrUnavailable, true)
	f(context.DeadlineExceeded, ErrUnavailable, true)
	f(jetstream.ErrNoStreamResponse, ErrUnavailable, true)
	f(nats.ErrConnectionClosed, ErrUnavailable, true)
	f(context.Canceled, nil, false)
	f(errors.New("something else"), nil, false)
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}

func TestRetryable(t *testing.T) {
	f := func(err error, want bool) {
		t.Helper()
		if got := Retryable(err); got != want {
			t.Errorf("Retryable(%v) = %v, want %v", err, got, want)
		}
	}
	f(nil, false)
	f(ErrFull, true)
	f(fmt.Errorf("wrapped: %w", ErrDiskLow), true)
	f(ErrUnavailable, true)
	f(ErrClosed, true)
	f(ErrTooLarge, false)
	f(errors.New("other"), false)
}

func TestReason(t *testing.T) {
	f := func(err error, want string) {
		t.Helper()
		if got := reason(err); got != want {
			t.Errorf("reason(%v) = %q, want %q", err, got, want)
		}
	}
	f(ErrFull, "full")
	f(ErrDiskLow, "disk_low")
	f(ErrTooLarge, "too_large")
	f(ErrClosed, "unavailable")
	f(context.Canceled, "canceled")
	f(errors.New("x"), "other")
}
