package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestPublishFetchAckRoundTrip(t *testing.T) {
	for _, sync := range []string{SyncDefault, SyncAlways} {
		t.Run(sync, func(t *testing.T) {
			cfg := testConfig(t)
			cfg.Sync = sync
			q := openQueue(t, cfg)
			c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{})
			if err != nil {
				t.Fatal(err)
			}
			publishN(t, q, 3)

			msgs := fetchN(t, c, 3)
			for i, m := range msgs {
				n := i + 1
				if got, want := string(m.Data), fmt.Sprintf("msg-%d", n); got != want {
					t.Errorf("message %d: Data = %q, want %q", n, got, want)
				}
				if m.ID != fmt.Sprintf("id-%d", n) || m.Seq != uint64(n) || m.Delivered != 1 || m.Published.IsZero() {
					t.Errorf("message %d: ID %q Seq %d Delivered %d Published %v", n, m.ID, m.Seq, m.Delivered, m.Published)
				}
				if err := m.InProgress(testContext(t)); err != nil {
					t.Errorf("InProgress: %v", err)
				}
			}
			ackAll(t, msgs)
			waitFor(t, "acked messages leave the work queue", messagesIs(q, 0))
			if more, err := c.Fetch(testContext(t), 10, 0); err != nil || len(more) != 0 {
				t.Fatalf("Fetch after ack = %d messages, %v; want none", len(more), err)
			}
		})
	}
}

func TestPublishRejectsOversizedPayload(t *testing.T) {
	cfg := testConfig(t)
	cfg.MaxMsgSize = 64 << 10
	q := openQueue(t, cfg)

	exact := bytes.Repeat([]byte("a"), int(cfg.MaxMsgSize))
	if err := q.Publish(testContext(t), exact, "max-size"); err != nil {
		t.Fatalf("Publish of exactly MaxMsgSize with an id: %v", err)
	}
	err := q.Publish(testContext(t), append(exact, 'b'), "too-big")
	if !errors.Is(err, ErrTooLarge) || Retryable(err) {
		t.Fatalf("Publish of MaxMsgSize+1 = %v, want ErrTooLarge (permanent)", err)
	}
}

func TestPublishDeduplicatesMessageID(t *testing.T) {
	q := openQueue(t, testConfig(t))
	for range 3 {
		if err := q.Publish(testContext(t), []byte("same"), "dup-id"); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Publish(testContext(t), []byte("other"), "other-id"); err != nil {
		t.Fatal(err)
	}
	st, err := q.Stats(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != 2 {
		t.Fatalf("stream holds %d messages, want 2 (retries of dup-id stored once)", st.Messages)
	}
}

func TestFullStreamRejectsNewAndKeepsOld(t *testing.T) {
	cfg := testConfig(t)
	cfg.MaxMsgSize = 16 << 10
	cfg.MaxBytes = 64 << 10
	q := openQueue(t, cfg)
	payload := func(i int) []byte { return fmt.Appendf(bytes.Repeat([]byte("x"), 4<<10), "%d", i) }

	stored := 0
	var err error
	for i := 1; i <= 100 && err == nil; i++ {
		if err = q.Publish(testContext(t), payload(i), fmt.Sprintf("id-%d", i)); err == nil {
			stored++
		}
	}
	if !errors.Is(err, ErrFull) || !Retryable(err) {
		t.Fatalf("Publish into a full stream = %v, want ErrFull (retryable)", err)
	}
	if err := q.Ping(testContext(t)); !errors.Is(err, ErrFull) {
		t.Fatalf("Ping on a full stream = %v, want ErrFull", err)
	}
	st, err := q.Stats(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.Messages != uint64(stored) || st.Bytes > uint64(cfg.MaxBytes) {
		t.Fatalf("stream holds %d messages (%d bytes), want the %d stored within %d bytes", st.Messages, st.Bytes, stored, cfg.MaxBytes)
	}

	c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	msgs := fetchN(t, c, stored)
	if !bytes.Equal(msgs[0].Data, payload(1)) || msgs[0].Seq != 1 {
		t.Fatalf("first message after full = seq %d, want the oldest (seq 1) kept", msgs[0].Seq)
	}
	ackAll(t, msgs)
	waitFor(t, "queue drained", messagesIs(q, 0))
	if err := q.Publish(testContext(t), payload(0), "after-drain"); err != nil {
		t.Fatalf("Publish after draining: %v", err)
	}
	if err := q.Ping(testContext(t)); err != nil {
		t.Fatalf("Ping after draining: %v", err)
	}
}

func TestPublishStopsWhenDiskIsLow(t *testing.T) {
	cfg := testConfig(t)
	cfg.MinFreeDisk = 1 << 62 // more than any disk has
	q := openQueue(t, cfg)

	err := q.Publish(testContext(t), []byte("x"), "")
	if !errors.Is(err, ErrDiskLow) || !Retryable(err) {
		t.Fatalf("Publish = %v, want ErrDiskLow (retryable)", err)
	}
	if err := q.DeadLetter(testContext(t), []byte("x"), "r", ""); !errors.Is(err, ErrDiskLow) {
		t.Fatalf("DeadLetter = %v, want ErrDiskLow", err)
	}
	if err := q.Ping(testContext(t)); !errors.Is(err, ErrDiskLow) {
		t.Fatalf("Ping = %v, want ErrDiskLow", err)
	}
}

func TestPingReadyQueue(t *testing.T) {
	q := openQueue(t, testConfig(t))
	if err := q.Ping(testContext(t)); err != nil {
		t.Fatalf("Ping = %v", err)
	}
	ctx, cancel := context.WithCancel(testContext(t))
	cancel()
	if err := q.Ping(ctx); err == nil {
		t.Fatal("Ping with a cancelled context succeeded")
	}
}
