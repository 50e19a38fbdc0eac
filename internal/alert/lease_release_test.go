package alert

import (
	"testing"
	"time"
)

// TestLeaseReleaseAfterLostReply: an Acquire whose write landed but whose
// reply never arrived (ctx cancelled on shutdown) leaves the process with a
// stale revision; Release must still free the lease, and must not free one
// another process holds.
func TestLeaseReleaseAfterLostReply(t *testing.T) {
	url := startJetStream(t)
	ctx := testCtx(t)
	open := func(holder string) *Lease {
		t.Helper()
		l, err := OpenLease(ctx, connect(t, url), "", holder, 30*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	a, aLater, b := open("a"), open("a"), open("b")
	if held, err := a.Acquire(ctx, at(0)); err != nil || !held {
		t.Fatalf("a: held %v err %v", held, err)
	}
	// The renewal whose reply a never saw: same holder, newer revision.
	if held, err := aLater.Acquire(ctx, at(0)); err != nil || !held {
		t.Fatalf("a renews: held %v err %v", held, err)
	}
	if err := a.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if held, err := b.Acquire(ctx, at(0)); err != nil || !held {
		t.Fatalf("after a released, b: held %v err %v", held, err)
	}
	if err := a.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if held, err := open("c").Acquire(ctx, at(0)); err != nil || held {
		t.Fatalf("a's second Release freed b's lease: c held %v err %v", held, err)
	}
}
