package queue

import (
	"errors"
	"testing"
)

func TestExternalQueueSharesEmbeddedServer(t *testing.T) {
	cfg := testConfig(t)
	cfg.Listen = "127.0.0.1:0"
	cfg.Token = "s3cret"
	embedded := openQueue(t, cfg)
	if embedded.ClientURL() == "" {
		t.Fatal("listening queue has no client URL")
	}

	remote := DefaultConfig()
	remote.URL = embedded.ClientURL()
	remote.Token = cfg.Token
	remote.MaxBytes, remote.MaxMsgSize = cfg.MaxBytes, cfg.MaxMsgSize
	external := openQueue(t, remote) // also re-applies the stream config: idempotent

	publishN(t, external, 3)
	if err := external.DeadLetter(testContext(t), []byte("bad"), "why", "dl-1"); err != nil {
		t.Fatal(err)
	}
	if err := external.Ping(testContext(t)); err != nil {
		t.Fatalf("external Ping: %v", err)
	}

	c, err := embedded.Consumer(testContext(t), "indexer", ConsumerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	msgs := fetchN(t, c, 3)
	assertSeqs(t, msgs, 1, 2, 3)
	ackAll(t, msgs)
	if dl, err := embedded.DeadLetters(testContext(t), 10); err != nil || len(dl) != 1 || dl[0].Reason != "why" {
		t.Fatalf("dead letters seen by the embedded side = %+v, %v", dl, err)
	}
}

func TestExternalRejectsWrongToken(t *testing.T) {
	cfg := testConfig(t)
	cfg.Listen = "127.0.0.1:0"
	cfg.Token = "s3cret"
	embedded := openQueue(t, cfg)

	remote := DefaultConfig()
	remote.URL = embedded.ClientURL()
	remote.Token = "wrong"
	remote.MaxBytes, remote.MaxMsgSize = cfg.MaxBytes, cfg.MaxMsgSize
	if q, err := Open(testContext(t), remote, nil, nil); err == nil {
		_ = q.Close()
		t.Fatal("Open with a wrong token succeeded")
	}
}

func TestExternalUnreachable(t *testing.T) {
	remote := DefaultConfig()
	remote.URL = "nats://127.0.0.1:1"
	_, err := Open(testContext(t), remote, nil, nil)
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Open of an unreachable URL = %v, want ErrUnavailable", err)
	}
}

func TestExternalMaxPayloadTooSmall(t *testing.T) {
	cfg := testConfig(t)
	cfg.Listen = "127.0.0.1:0"
	cfg.MaxMsgSize = 64 << 10
	embedded := openQueue(t, cfg)

	remote := DefaultConfig()
	remote.URL = embedded.ClientURL()
	remote.MaxMsgSize = 1 << 20 // more than the server's max_payload
	if q, err := Open(testContext(t), remote, nil, nil); err == nil {
		_ = q.Close()
		t.Fatal("Open accepted a max_msg_size above the server's max_payload")
	}
}
