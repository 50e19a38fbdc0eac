package alarmeval

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/logstack/logstack/internal/alarm"
	"github.com/logstack/logstack/internal/alert"
	"github.com/nats-io/nats.go/jetstream"
)

// record is one alarm's persisted state: what a restarted or newly active
// alerter needs to neither re-run actions nor forget an ALARM.
type record struct {
	State alarm.State `json:"state"`
	// Reason is the state reason of the last transition.
	Reason string `json:"reason,omitempty"`
	// LastEnd is the end of the last evaluated period.
	LastEnd time.Time `json:"last_end"`
	// Changed is when the state last changed.
	Changed time.Time `json:"changed,omitzero"`
}

// stored is a record with the KV revision it was read or written at.
type stored struct {
	record
	rev uint64
}

// errCorrupt marks a stored record that cannot be decoded: it is
// replaced by the next write instead of blocking the evaluator.
var errCorrupt = errors.New("unreadable record")

// stateStore keeps alarm records in the bucket <prefix>_alarms, one key per
// alarm, written with revision checks like internal/alert's KVStore.
type stateStore struct {
	kv jetstream.KeyValue
}

// openStateStore creates or opens the bucket (prefix "" means
// alert.DefaultBucketPrefix).
func openStateStore(ctx context.Context, js jetstream.JetStream, prefix string) (*stateStore, error) {
	if prefix == "" {
		prefix = alert.DefaultBucketPrefix
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: prefix + "_alarms", Description: "logstack metric alarm states", History: 1,
	})
	if err != nil {
		return nil, fmt.Errorf("alarm state: open bucket %s_alarms: %w", prefix, err)
	}
	return &stateStore{kv: kv}, nil
}

// key encodes an alarm name as a valid KV key.
func key(name string) string { return "a" + base64.RawURLEncoding.EncodeToString([]byte(name)) }

// get reads an alarm's record; ok is false when none is stored.
func (s *stateStore) get(ctx context.Context, name string) (stored, bool, error) {
	e, err := s.kv.Get(ctx, key(name))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return stored{}, false, nil
	}
	if err != nil {
		return stored{}, false, fmt.Errorf("alarm state: read %s: %w", name, err)
	}
	var r record
	err = json.Unmarshal(e.Value(), &r)
	if err == nil {
		_, err = alarm.ParseState(string(r.State))
	}
	if err != nil {
		// The revision lets the next write replace the unreadable record.
		return stored{rev: e.Revision()}, false, fmt.Errorf("alarm state: decode %s: %w: %w", name, errCorrupt, err)
	}
	return stored{record: r, rev: e.Revision()}, true, nil
}

// put writes r at revision rev (0: the key must not exist) and returns the
// new revision; a lost race is alert.ErrConflict.
func (s *stateStore) put(ctx context.Context, name string, r record, rev uint64) (uint64, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return 0, fmt.Errorf("alarm state: encode %s: %w", name, err)
	}
	var nrev uint64
	if rev == 0 {
		nrev, err = s.kv.Create(ctx, key(name), b)
	} else {
		nrev, err = s.kv.Update(ctx, key(name), b, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) {
		return 0, fmt.Errorf("alarm state: write %s at revision %d: %w", name, rev, alert.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("alarm state: write %s: %w", name, err)
	}
	return nrev, nil
}

// purgeExcept removes the records of alarms not in keep (alarms removed
// from the config), so the bucket does not grow with every rename and a
// re-added alarm starts afresh. A record rewritten meanwhile (by a process
// still running the old config) is left for the next purge.
func (s *stateStore) purgeExcept(ctx context.Context, keep []string) (int, error) {
	want := make(map[string]bool, len(keep))
	for _, name := range keep {
		want[key(name)] = true
	}
	lister, err := s.kv.ListKeys(ctx)
	if err != nil {
		return 0, fmt.Errorf("alarm state: list: %w", err)
	}
	var stale []string
	for k := range lister.Keys() {
		if !want[k] {
			stale = append(stale, k)
		}
	}
	n := 0
	for _, k := range stale {
		e, err := s.kv.Get(ctx, k)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue
		}
		if err == nil {
			err = s.kv.Purge(ctx, k, jetstream.LastRevision(e.Revision()))
		}
		if err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
			return n, fmt.Errorf("alarm state: purge %s: %w", k, err)
		}
		if err == nil {
			n++
		}
	}
	return n, nil
}
