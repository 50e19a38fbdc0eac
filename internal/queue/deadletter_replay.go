package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/nats-io/nats.go"
)

// ReplayHeader names, on a replayed queue message, the dead-letter sequence
// it came from, so that the message can be traced back.
const ReplayHeader = "Logstack-Replay-Of"

// ReplayDeadLetter publishes the payload of dead letter seq back into the
// queue for the indexer, and deletes the letter only once the queue has
// acknowledged the publish: a failure at any step leaves the letter in
// place, and retrying is safe because the publish's message id is derived
// from the letter (a retry within the duplicate window is stored once; the
// store deduplicates by event.id after that). A payload the store refuses
// again comes back as a new dead letter with the new reason.
func (q *Queue) ReplayDeadLetter(ctx context.Context, seq uint64) error {
	dl, err := q.GetDeadLetter(ctx, seq)
	if err != nil {
		return err
	}
	return q.replay(ctx, dl)
}

// replay republishes dl and then deletes it.
func (q *Queue) replay(ctx context.Context, dl DeadLetter) error {
	hdr := nats.Header{}
	hdr.Set(ReplayHeader, strconv.FormatUint(dl.Seq, 10))
	ack, err := q.publish(ctx, q.cfg.subject(), q.cfg.Stream, dl.Data, replayID(dl), hdr)
	q.metrics.observePublish(len(dl.Data), ack, err)
	if err != nil {
		q.metrics.observeReplay(err)
		return fmt.Errorf("queue: replay dead letter %d: %w", dl.Seq, err)
	}
	if err := q.deleteDeadLetter(ctx, dl.Seq); err != nil && !errors.Is(err, ErrNotFound) {
		q.metrics.observeReplay(err)
		return fmt.Errorf("queue: dead letter %d was replayed but is still listed (replaying it again stores it once): %w", dl.Seq, err)
	}
	q.metrics.observeReplay(nil)
	return nil
}

// replayID is the message id of a replay: the letter's sequence and its
// time, so that a stream recreated with sequences from 1 again does not
// collide with replays of the old one.
func replayID(dl DeadLetter) string {
	return fmt.Sprintf("dlq-replay-%d-%d", dl.Seq, dl.Time.UnixNano())
}

// ReplayError is one dead letter a bulk replay could not replay.
type ReplayError struct {
	// Seq is the dead letter's sequence.
	Seq uint64
	// Err says why; the letter is still listed unless it was ErrNotFound.
	Err error
}

// ReplayReport is what a bulk replay did.
type ReplayReport struct {
	// Replayed counts letters published back into the queue and deleted
	// (with DryRun, those that would have been).
	Replayed int
	// Seqs lists the sequences replayed (or, with DryRun, matched).
	Seqs []uint64
	// Failed lists the letters that were not replayed, with the reason.
	Failed []ReplayError
	// Next and Through continue a filtered replay as in DeadLetterPage;
	// Next is 0 when nothing is left.
	Next, Through uint64
}

// ReplayDeadLetters replays one page of the letters that pass f (see
// ListDeadLetters), or with dryRun only reports which it would replay. A
// letter that fails for good (too large, gone) is reported and the rest go
// on; a failure that would hit the rest too (queue full or unreachable)
// or the end of ctx stops the page and is returned, with the report of
// what was done and Next set so that continuing retries the letter that
// failed. Continue with the report's Next and Through until Next is 0;
// Through keeps the letters that the replay itself causes out of the run.
// After an error, Next is the After to resume with (0 included).
func (q *Queue) ReplayDeadLetters(ctx context.Context, f DeadLetterFilter, dryRun bool) (ReplayReport, error) {
	page, err := q.ListDeadLetters(ctx, f)
	if err != nil {
		return ReplayReport{}, err
	}
	rep := ReplayReport{Next: page.Next, Through: page.Through}
	resume := f.After
	for _, dl := range page.Letters {
		err := rep.add(ctx, dl.Seq, func() error {
			if dryRun {
				return nil
			}
			return q.replay(ctx, dl)
		})
		if err != nil {
			rep.Next = resume
			return rep, err
		}
		resume = dl.Seq
	}
	return rep, nil
}

// ReplayDeadLetterSeqs replays the listed letters one by one (see
// ReplayDeadLetter), or with dryRun only checks that they exist. It stops
// as ReplayDeadLetters does; the letters after the one that failed are
// not tried.
func (q *Queue) ReplayDeadLetterSeqs(ctx context.Context, seqs []uint64, dryRun bool) (ReplayReport, error) {
	var rep ReplayReport
	for _, seq := range seqs {
		err := rep.add(ctx, seq, func() error {
			if dryRun {
				_, err := q.GetDeadLetter(ctx, seq)
				return err
			}
			return q.ReplayDeadLetter(ctx, seq)
		})
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// add runs one replay and records its outcome; it returns an error only
// when the run should stop: ctx ended, or the failure is one that the
// following letters would meet too.
func (r *ReplayReport) add(ctx context.Context, seq uint64, replay func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := replay(); err != nil {
		r.Failed = append(r.Failed, ReplayError{Seq: seq, Err: err})
		if Retryable(err) || ctx.Err() != nil {
			return err
		}
		return nil
	}
	r.Replayed++
	r.Seqs = append(r.Seqs, seq)
	return nil
}
