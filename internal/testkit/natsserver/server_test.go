package natsserver

import (
	"context"
	"testing"
	"time"

	"github.com/logstack/logstack/internal/queue"
)

// TestStartServesJetStream opens logstack's queue on the started server:
// JetStream is on and max_payload fits the default message size.
func TestStartServesJetStream(t *testing.T) {
	s := Start(t)
	cfg := queue.DefaultConfig()
	cfg.URL = s.URL
	cfg.MaxMsgSize = 8 << 20
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q, err := queue.Open(ctx, cfg, nil, nil)
	if err != nil {
		t.Fatalf("open queue on %s: %v\n%s", s.URL, err, s.Logs())
	}
	defer q.Close()
	if err := q.Publish(ctx, []byte(`{"message":"x"}`+"\n"), "m-1"); err != nil {
		t.Fatal(err)
	}
	if err := q.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}
