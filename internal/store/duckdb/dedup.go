package duckdb

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/bits-and-blooms/bloom/v3"
)

// idHash is the 64-bit FNV-1a hash of an event id, stored as id_hash. It
// must be stable across processes and versions (hash/maphash is not): the
// filters are rebuilt from the stored hashes when the store opens.
func idHash(id string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * fnvPrime
	}
	return h
}

// Bloom filter sizing: a partition starts with room for minFilterCap ids
// (or its stored ids and a quarter more) at falsePositive, and adds a
// filter twice as large each time the last is full (a scalable bloom
// filter), so a quiet day costs little memory and a busy one keeps its
// false-positive rate: a day of ten million ids holds four filters, 18 MB,
// and sends about 0.4% of new ids to the confirming query.
const (
	minFilterCap  = 1 << 20
	falsePositive = 0.001
)

// idFilter answers "certainly not stored" for the ids of one partition.
// Only Write and retention touch it, under Store.writeMu.
type idFilter struct {
	filters []*bloom.BloomFilter
	last    uint // capacity of the last filter
	n       uint // ids in the last filter
}

// newIDFilter returns a filter with room for expected ids.
func newIDFilter(expected uint) *idFilter {
	f := &idFilter{}
	f.grow(max(expected+expected/4, minFilterCap))
	return f
}

func (f *idFilter) grow(capacity uint) {
	f.filters = append(f.filters, bloom.NewWithEstimates(capacity, falsePositive))
	f.last, f.n = capacity, 0
}

func (f *idFilter) add(h uint64) {
	if f.n >= f.last {
		f.grow(2 * f.last)
	}
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], h)
	f.filters[len(f.filters)-1].Add(b[:])
	f.n++
}

func (f *idFilter) mayContain(h uint64) bool {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], h)
	for _, bf := range f.filters {
		if bf.Test(b[:]) {
			return true
		}
	}
	return false
}

// loadIDs fills a partition's filter from its stored id hashes.
func loadIDs(ctx context.Context, db *sql.DB, p *partition) error {
	p.ids = newIDFilter(uint(p.events))
	rows, err := db.QueryContext(ctx, "SELECT id_hash FROM "+ident(p.table))
	if err != nil {
		return fmt.Errorf("load ids of %s: %w", p.table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h uint64
		if err := rows.Scan(&h); err != nil {
			return fmt.Errorf("load ids of %s: %w", p.table, err)
		}
		p.ids.add(h)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load ids of %s: %w", p.table, err)
	}
	return nil
}

// storedIDs returns which of the candidate hashes' ids are already stored
// in the given partitions. One query covers the whole batch.
func storedIDs(ctx context.Context, q querier, tables []string, hashes []uint64) (map[string]bool, error) {
	out := map[string]bool{}
	if len(tables) == 0 || len(hashes) == 0 {
		return out, nil
	}
	parts := make([]string, len(tables))
	for i, t := range tables {
		parts[i] = "SELECT id FROM " + ident(t) + " WHERE id_hash IN (SELECT unnest($1::UBIGINT[]))"
	}
	rows, err := q.QueryContext(ctx, strings.Join(parts, " UNION ALL "), hashes)
	if err != nil {
		return nil, fmt.Errorf("look up stored ids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("look up stored ids: %w", err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up stored ids: %w", err)
	}
	return out, nil
}

// querier is what storedIDs needs from *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
