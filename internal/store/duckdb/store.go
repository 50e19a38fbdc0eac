package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	duckdb "github.com/marcboeker/go-duckdb/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/logstack/logstack/internal/store"
)

// Store is the embedded DuckDB implementation of store.Store. Write may be
// called from one goroutine at a time (it serializes itself anyway);
// Search, Aggregate and Stats run concurrently with it and with each other.
type Store struct {
	db      *sql.DB
	path    string
	sch     *schema
	logger  *slog.Logger
	metrics *metrics
	now     func() time.Time

	// writeMu serializes Write and DeleteOlderThan, which change the
	// partitions and their id filters.
	writeMu sync.Mutex
	// mu guards parts (the map and each partition's events); searches
	// take a snapshot under the read lock.
	mu    sync.RWMutex
	parts map[string]*partition
	// dropMu is held for reading by every query that runs on a snapshot
	// of parts and for writing by retention while it drops tables, so a
	// search never meets a table dropped after its snapshot.
	dropMu sync.RWMutex

	closed    atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

var _ store.Store = (*Store)(nil)

// schemaVersion is the layout this code reads and writes, kept in _meta so
// that a future layout change can migrate (or refuse) an old file.
const schemaVersion = 1

// Open opens (creating when missing) the database at opts.Path, adds newly
// configured columns to existing partitions and rebuilds the id filters, so
// the store is ready to deduplicate before the first Write.
func Open(ctx context.Context, opts Options, logger *slog.Logger, reg prometheus.Registerer) (*Store, error) {
	if err := opts.validate(); err != nil {
		return nil, fmt.Errorf("duckdb store options: %w", err)
	}
	cols, _ := opts.columns()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(filepath.Dir(opts.Path), 0o750); err != nil {
		return nil, fmt.Errorf("create store directory: %w", err)
	}
	db, err := openDB(opts)
	if err != nil {
		return nil, err
	}
	s := &Store{
		db:     db,
		path:   opts.Path,
		sch:    newSchema(cols),
		logger: logger.With("component", "store.duckdb"),
		now:    time.Now,
		parts:  map[string]*partition{},
	}
	if err := s.init(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	m, err := newMetrics(reg, s)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	s.metrics = m
	s.logger.Info("store opened", "path", opts.Path, "partitions", len(s.parts))
	return s, nil
}

// openDB opens the database file with the configured resource limits.
func openDB(opts Options) (*sql.DB, error) {
	q := url.Values{}
	if opts.MemoryLimit > 0 {
		q.Set("memory_limit", strconv.FormatInt(opts.MemoryLimit>>20, 10)+"MiB")
	}
	if opts.Threads > 0 {
		q.Set("threads", strconv.Itoa(opts.Threads))
	}
	// Results are always ordered explicitly, so DuckDB may append and
	// scan in parallel without keeping insertion order.
	q.Set("preserve_insertion_order", "false")
	// Checkpoint every 256 MB of log instead of 16 MB: each checkpoint
	// recompresses the partly filled last row group of a partition, so
	// frequent ones cost a quarter of the write throughput. Recovery
	// replays at most this much log.
	q.Set("checkpoint_threshold", "256MB")
	connector, err := duckdb.NewConnector(opts.Path+"?"+q.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", opts.Path, err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxIdleConns(4)
	return db, nil
}

// init checks the schema version and loads the partitions.
func (s *Store) init(ctx context.Context) error {
	if err := s.checkVersion(ctx); err != nil {
		return err
	}
	tables, err := tableColumns(ctx, s.db)
	if err != nil {
		return err
	}
	for table, cols := range tables {
		day, _ := parseTableName(table)
		p := &partition{day: day, table: table}
		if err := s.migrate(ctx, p, cols); err != nil {
			return err
		}
		var minTS, maxTS sql.NullInt64
		if err := s.db.QueryRowContext(ctx, "SELECT count(*), min(ts), max(ts) FROM "+ident(table)).Scan(&p.events, &minTS, &maxTS); err != nil {
			return fmt.Errorf("count %s: %w", table, err)
		}
		p.minTS, p.maxTS = minTS.Int64, maxTS.Int64
		if err := loadIDs(ctx, s.db, p); err != nil {
			return err
		}
		s.parts[table] = p
	}
	return nil
}

// checkVersion creates _meta on a new database and refuses a file written
// by a newer layout.
func (s *Store) checkVersion(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS _meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`); err != nil {
		return fmt.Errorf("create _meta: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO _meta VALUES ('schema_version', $1) ON CONFLICT DO NOTHING`, strconv.Itoa(schemaVersion)); err != nil {
		return fmt.Errorf("write schema version: %w", err)
	}
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM _meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if n, err := strconv.Atoi(v); err != nil || n > schemaVersion {
		return fmt.Errorf("%w: database schema version %s is newer than this binary's %d", store.ErrPermanent, v, schemaVersion)
	}
	return nil
}

// Close releases the database; later calls return the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		if s.metrics != nil {
			s.metrics.unregister()
		}
		s.closeErr = s.db.Close()
		s.logger.Info("store closed")
	})
	return s.closeErr
}

// Stats reports the number of events (kept by Write, so it costs no scan),
// the size of the database file and its write-ahead log, and the number of
// day partitions.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	if s.closed.Load() {
		return store.Stats{}, ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return store.Stats{}, err
	}
	s.mu.RLock()
	st := store.Stats{Partitions: len(s.parts)}
	for _, p := range s.parts {
		st.Events += p.events
	}
	s.mu.RUnlock()
	st.Bytes = s.fileBytes()
	return st, nil
}

// fileBytes is the size of the database file plus its write-ahead log.
func (s *Store) fileBytes() int64 {
	var n int64
	for _, f := range []string{s.path, s.path + ".wal"} {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// classify marks errors that retrying cannot fix as permanent: a closed
// database. Everything else (I/O, memory) may succeed later.
func (s *Store) classify(err error) error {
	if err == nil {
		return nil
	}
	if s.closed.Load() || errors.Is(err, sql.ErrConnDone) {
		return fmt.Errorf("%w: %w", ErrClosed, err)
	}
	return err
}
