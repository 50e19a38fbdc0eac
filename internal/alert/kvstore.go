package alert

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// DefaultBucketPrefix prefixes the key-value bucket names of KVStore.
const DefaultBucketPrefix = "logstack_alert"

// KVStore is the Store on NATS JetStream key-value buckets: <prefix>_alerts,
// <prefix>_silences and <prefix>_acks, one JSON record per key. Revision
// checks use KV Create (revision 0) and Update (last revision), which the
// server applies atomically.
type KVStore struct {
	alerts, silences, acks jetstream.KeyValue
}

var _ Store = (*KVStore)(nil)

// OpenKVStore creates or opens the buckets (prefix "" means
// DefaultBucketPrefix). Every alerter process opens the same ones.
func OpenKVStore(ctx context.Context, js jetstream.JetStream, prefix string) (*KVStore, error) {
	if prefix == "" {
		prefix = DefaultBucketPrefix
	}
	s := &KVStore{}
	for name, dst := range map[string]*jetstream.KeyValue{"alerts": &s.alerts, "silences": &s.silences, "acks": &s.acks} {
		kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket: prefix + "_" + name, Description: "logstack alerter " + name, History: 1,
		})
		if err != nil {
			return nil, fmt.Errorf("alert store: open bucket %s_%s: %w", prefix, name, err)
		}
		*dst = kv
	}
	return s, nil
}

// kvKey encodes an arbitrary string as a valid KV key (base64url without
// padding uses only letters, digits, '-' and '_').
func kvKey(s string) string { return "k" + base64.RawURLEncoding.EncodeToString([]byte(s)) }

// Alerts implements Store.
func (s *KVStore) Alerts(ctx context.Context) (map[string]StoredAlert, error) {
	out := map[string]StoredAlert{}
	err := each(ctx, s.alerts, func(e jetstream.KeyValueEntry) error {
		var a Alert
		if err := json.Unmarshal(e.Value(), &a); err != nil {
			return fmt.Errorf("alert store: decode alert %s: %w", e.Key(), err)
		}
		out[a.Key.String()] = StoredAlert{Alert: a, Revision: e.Revision()}
		return nil
	})
	return out, err
}

// PutAlert implements Store.
func (s *KVStore) PutAlert(ctx context.Context, a Alert, rev uint64) (uint64, error) {
	b, err := json.Marshal(a)
	if err != nil {
		return 0, fmt.Errorf("alert store: encode alert %s: %w", a.Key, err)
	}
	k := kvKey(a.Key.String())
	var nrev uint64
	if rev == 0 {
		nrev, err = s.alerts.Create(ctx, k, b)
	} else {
		nrev, err = s.alerts.Update(ctx, k, b, rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) {
		return 0, fmt.Errorf("alert store: put alert %s at revision %d: %w", a.Key, rev, ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("alert store: put alert %s: %w", a.Key, err)
	}
	return nrev, nil
}

// DeleteAlert implements Store.
func (s *KVStore) DeleteAlert(ctx context.Context, key string, rev uint64) error {
	err := s.alerts.Purge(ctx, kvKey(key), jetstream.LastRevision(rev))
	if errors.Is(err, jetstream.ErrKeyExists) {
		return fmt.Errorf("alert store: delete alert %s at revision %d: %w", key, rev, ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("alert store: delete alert %s: %w", key, err)
	}
	return nil
}

// Silences implements Store.
func (s *KVStore) Silences(ctx context.Context) ([]Silence, error) {
	var out []Silence
	err := each(ctx, s.silences, func(e jetstream.KeyValueEntry) error {
		var v Silence
		if err := json.Unmarshal(e.Value(), &v); err != nil {
			return fmt.Errorf("alert store: decode silence %s: %w", e.Key(), err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// PutSilence implements Store.
func (s *KVStore) PutSilence(ctx context.Context, v Silence) error {
	if v.ID == "" {
		return errors.New("alert store: silence without an id")
	}
	return put(ctx, s.silences, v.ID, v)
}

// Acks implements Store.
func (s *KVStore) Acks(ctx context.Context) ([]Ack, error) {
	var out []Ack
	err := each(ctx, s.acks, func(e jetstream.KeyValueEntry) error {
		var v Ack
		if err := json.Unmarshal(e.Value(), &v); err != nil {
			return fmt.Errorf("alert store: decode ack %s: %w", e.Key(), err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// PutAck implements Store.
func (s *KVStore) PutAck(ctx context.Context, a Ack) error {
	return put(ctx, s.acks, a.Key.String(), a)
}

func put(ctx context.Context, kv jetstream.KeyValue, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("alert store: encode %s: %w", key, err)
	}
	if _, err := kv.Put(ctx, kvKey(key), b); err != nil {
		return fmt.Errorf("alert store: put %s in %s: %w", key, kv.Bucket(), err)
	}
	return nil
}

// each calls f for the latest value of every key of kv.
func each(ctx context.Context, kv jetstream.KeyValue, f func(jetstream.KeyValueEntry) error) error {
	w, err := kv.WatchAll(ctx, jetstream.IgnoreDeletes())
	if err != nil {
		return fmt.Errorf("alert store: list %s: %w", kv.Bucket(), err)
	}
	defer w.Stop()
	for {
		select {
		case e := <-w.Updates():
			if e == nil {
				return nil // initial values done
			}
			if err := f(e); err != nil {
				return err
			}
		case <-ctx.Done():
			return fmt.Errorf("alert store: list %s: %w", kv.Bucket(), ctx.Err())
		}
	}
}
