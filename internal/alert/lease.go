package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// leaseKey is the one key of the lease bucket.
const leaseKey = "active"

// leaseRecord is the lease's stored value.
type leaseRecord struct {
	Holder  string    `json:"holder"`
	Expires time.Time `json:"expires"`
}

// Lease elects the one active alerter among processes sharing a KV bucket.
// The holder renews by updating the key at the revision it last wrote; a
// contender takes over only when the stored expiry has passed, also by a
// revision-checked update, so two contenders cannot both win. Expiry is
// judged on the caller's clock (now): processes need roughly synchronised
// clocks, and TTL should exceed the renewal interval plus clock skew.
type Lease struct {
	kv     jetstream.KeyValue
	holder string
	ttl    time.Duration
	// rev and expires are what this process last wrote (0: not held).
	rev     uint64
	expires time.Time
}

// OpenLease opens (creating) the bucket <prefix>_lease for holder, a name
// unique per process (host name plus pid, say).
func OpenLease(ctx context.Context, js jetstream.JetStream, prefix, holder string, ttl time.Duration) (*Lease, error) {
	if prefix == "" {
		prefix = DefaultBucketPrefix
	}
	if holder == "" || ttl <= 0 {
		return nil, errors.New("alert lease: holder and a positive ttl are required")
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: prefix + "_lease", Description: "logstack active alerter", History: 1,
	})
	if err != nil {
		return nil, fmt.Errorf("alert lease: open bucket: %w", err)
	}
	return &Lease{kv: kv, holder: holder, ttl: ttl}, nil
}

// Held reports whether this process holds the lease at now according to its
// last successful Acquire (no network round trip).
func (l *Lease) Held(now time.Time) bool { return l.rev != 0 && now.Before(l.expires) }

// Acquire takes or renews the lease at now and reports whether this process
// holds it until now+TTL. Losing a race is not an error.
func (l *Lease) Acquire(ctx context.Context, now time.Time) (bool, error) {
	rec := leaseRecord{Holder: l.holder, Expires: now.Add(l.ttl)}
	val, err := json.Marshal(rec)
	if err != nil {
		return false, fmt.Errorf("alert lease: encode: %w", err)
	}
	e, err := l.kv.Get(ctx, leaseKey)
	var rev uint64
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted):
		if e != nil {
			rev = e.Revision()
		}
	case err != nil:
		return false, fmt.Errorf("alert lease: read: %w", err)
	default:
		var cur leaseRecord
		if err := json.Unmarshal(e.Value(), &cur); err != nil {
			return false, fmt.Errorf("alert lease: decode: %w", err)
		}
		if cur.Holder != l.holder && now.Before(cur.Expires) {
			l.rev = 0
			return false, nil
		}
		rev = e.Revision()
	}
	var nrev uint64
	if rev == 0 {
		nrev, err = l.kv.Create(ctx, leaseKey, val)
	} else {
		nrev, err = l.kv.Update(ctx, leaseKey, val, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) {
		l.rev = 0
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("alert lease: write: %w", err)
	}
	l.rev, l.expires = nrev, rec.Expires
	return true, nil
}

// Release gives the lease up (on clean shutdown) so another process takes
// over at once instead of after the TTL. It deletes the key only while this
// process is the stored holder, at the revision it reads: an Acquire whose
// reply was lost to a cancelled ctx may have written a revision this
// process never learned.
func (l *Lease) Release(ctx context.Context) error {
	l.rev = 0
	e, err := l.kv.Get(ctx, leaseKey)
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("alert lease: release: read: %w", err)
	}
	var cur leaseRecord
	if err := json.Unmarshal(e.Value(), &cur); err != nil {
		return fmt.Errorf("alert lease: release: decode: %w", err)
	}
	if cur.Holder != l.holder {
		return nil
	}
	err = l.kv.Delete(ctx, leaseKey, jetstream.LastRevision(e.Revision()))
	if err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
		return fmt.Errorf("alert lease: release: %w", err)
	}
	return nil
}
