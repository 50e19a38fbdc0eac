package queue

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestUnackedMessageIsRedelivered(t *testing.T) {
	f := func(name string, release func(m *Message) error) {
		t.Run(name, func(t *testing.T) {
			q := openQueue(t, testConfig(t))
			c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{AckWait: 300 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			publishN(t, q, 1)
			first := fetchN(t, c, 1)[0]
			if err := release(first); err != nil {
				t.Fatalf("release: %v", err)
			}
			again := fetchN(t, c, 1)[0]
			if again.Seq != first.Seq || again.Delivered != 2 || string(again.Data) != "msg-1" {
				t.Fatalf("redelivery = seq %d delivered %d %q, want seq %d delivered 2", again.Seq, again.Delivered, again.Data, first.Seq)
			}
			ackAll(t, []*Message{again})
			waitFor(t, "acked redelivery leaves the queue", messagesIs(q, 0))
		})
	}
	f("ack wait expires", func(*Message) error { return nil })
	f("nak", func(m *Message) error { return m.Nak(testContext(t), 0) })
	f("nak with delay", func(m *Message) error { return m.Nak(testContext(t), 50*time.Millisecond) })
}

func TestConsumersWithSameNameSplitWork(t *testing.T) {
	cfg := testConfig(t)
	cfg.Listen = "127.0.0.1:0"
	q1 := openQueue(t, cfg)
	remote := DefaultConfig()
	remote.URL = q1.ClientURL()
	remote.MaxBytes, remote.MaxMsgSize = cfg.MaxBytes, cfg.MaxMsgSize
	q2 := openQueue(t, remote)

	opts := ConsumerOptions{AckWait: time.Minute}
	a, err := q1.Consumer(testContext(t), "indexer", opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := q2.Consumer(testContext(t), "indexer", opts)
	if err != nil {
		t.Fatal(err)
	}
	const total = 200
	publishN(t, q1, total)

	// Unacked messages fetched by one process are not handed to the other.
	fromA, fromB := fetchN(t, a, 5), fetchN(t, b, 5)
	seen := map[uint64]int{}
	record := func(msgs []*Message) {
		for _, m := range msgs {
			seen[m.Seq]++
		}
	}
	record(fromA)
	record(fromB)
	ackAll(t, append(fromA, fromB...))

	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, c := range []*Consumer{a, b} {
		wg.Go(func() { errs <- drain(testContext(t), c, &mu, seen, total) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for seq := uint64(1); seq <= total; seq++ {
		if seen[seq] != 1 {
			t.Errorf("message %d delivered %d times, want exactly once", seq, seen[seq])
		}
	}
}

// drain fetches and acks until seen holds total sequences.
func drain(ctx context.Context, c *Consumer, mu *sync.Mutex, seen map[uint64]int, total int) error {
	for {
		mu.Lock()
		done := len(seen) >= total
		mu.Unlock()
		if done {
			return nil
		}
		msgs, err := c.Fetch(ctx, 10, 100*time.Millisecond)
		if err != nil {
			return err
		}
		mu.Lock()
		for _, m := range msgs {
			seen[m.Seq]++
		}
		mu.Unlock()
		for _, m := range msgs {
			if err := m.Ack(ctx); err != nil {
				return err
			}
		}
	}
}

func TestFetchReturnsEmptyAfterMaxWait(t *testing.T) {
	q := openQueue(t, testConfig(t))
	c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(testContext(t), 10, 50*time.Millisecond)
	if err != nil || len(msgs) != 0 {
		t.Fatalf("Fetch on an empty queue = %d messages, %v; want none, nil", len(msgs), err)
	}
}

func TestFetchStopsWithContext(t *testing.T) {
	q := openQueue(t, testConfig(t))
	c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(testContext(t))
	done := make(chan error, 1)
	go func() {
		_, err := c.Fetch(ctx, 10, time.Hour)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Fetch with a cancelled context = %v, want context.Canceled", err)
	}
	publishN(t, q, 1)
	if got := fetchN(t, c, 1); string(got[0].Data) != "msg-1" {
		t.Fatalf("Fetch after a cancelled fetch = %q", got[0].Data)
	}
}

func TestConsumerRejectsInvalidName(t *testing.T) {
	q := openQueue(t, testConfig(t))
	for _, name := range []string{"", "a.b", "a b", "*"} {
		if _, err := q.Consumer(testContext(t), name, ConsumerOptions{}); err == nil {
			t.Errorf("Consumer(%q) succeeded", name)
		}
	}
}

func TestSecondConsumerNameIsRefused(t *testing.T) {
	q := openQueue(t, testConfig(t))
	if _, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{AckWait: time.Minute}); err != nil {
		t.Fatalf("reopening the same name with new options: %v", err)
	}
	if _, err := q.Consumer(testContext(t), "other", ConsumerOptions{}); err == nil {
		t.Fatal("a second consumer name on the work queue was accepted")
	}
}

// TestShortFetchesLoseNothing: pulls that end while the server is still
// sending (the indexer's last partial-batch fetches wait only what is left
// of its batch wait) hand over every message; none is left unacknowledged
// until AckWait, which here is longer than the test.
func TestShortFetchesLoseNothing(t *testing.T) {
	q := openQueue(t, testConfig(t))
	c, err := q.Consumer(testContext(t), "indexer", ConsumerOptions{AckWait: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	const total = 300
	publishN(t, q, total)
	ctx := testContext(t)
	seen := map[uint64]bool{}
	waits := []time.Duration{time.Millisecond, 1500 * time.Microsecond, 2 * time.Millisecond, 3 * time.Millisecond}
	for i := 0; len(seen) < total && ctx.Err() == nil; i++ {
		msgs, err := c.Fetch(ctx, 3, waits[i%len(waits)])
		if err != nil && ctx.Err() == nil {
			t.Fatalf("Fetch: %v", err)
		}
		for _, m := range msgs {
			if seen[m.Seq] {
				t.Fatalf("message %d delivered twice before its AckWait", m.Seq)
			}
			seen[m.Seq] = true
		}
		ackAll(t, msgs)
	}
	if len(seen) != total {
		t.Fatalf("received %d of %d messages; the rest wait for AckWait", len(seen), total)
	}
}
