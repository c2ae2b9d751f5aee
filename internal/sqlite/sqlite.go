// Package sqlite is the court.Store kept in one SQLite file, the default
// that needs nothing installed. It uses modernc.org/sqlite, so the binary
// stays pure Go.
//
// SQLite allows one writer at a time. The Store therefore holds two pools:
// a single connection for writes, whose transactions start with BEGIN
// IMMEDIATE, so concurrent writes queue in Go instead of failing with
// SQLITE_BUSY, and the trial's rules (five arguments, append-only
// versions) are checked and applied with nobody else writing in between;
// and a pool of read-only connections that, under WAL, read a consistent
// snapshot without waiting for the writer.
//
// Lists that belong to one row and are always read and written whole with
// it (evidence points, legal basis, flags, a judgment's issues, relief and
// citations) are JSON arrays in TEXT columns, its roles a JSON object:
// nobody queries an item on its own, the order is kept for free, and a
// case loads in four queries whatever its size. Judge info and usage are
// plain columns, since reports group and sum by them. Times are INTEGER
// microseconds since the epoch, the precision PostgreSQL keeps too.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune Open.
type Options struct {
	// AutoMigrate applies pending migrations on Open. Without it Open
	// refuses a database whose schema is behind this build.
	AutoMigrate bool
	// Now is the clock of every lease and expiry the store decides
	// (argument reservations, Idempotency-Key claims); nil means time.Now.
	Now func() time.Time
}

// Store is a court.Store in a SQLite database file.
type Store struct {
	write      *sql.DB // one connection; every write transaction goes through it
	read       *sql.DB // read-only connections for Case
	writeStmts statements
	readStmts  statements
	path       string
	now        func() time.Time
}

var (
	_ court.Store       = (*Store)(nil)
	_ idempotency.Store = (*Store)(nil)
)

// Open opens (creating if need be) the database at path and its
// directory, and checks or migrates its schema.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	return open(ctx, path, opts, migrations)
}

func open(ctx context.Context, path string, opts Options, fsys fs.FS) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, court.Wrap(court.EUnavailable, err, "The data directory cannot be created.")
		}
	}
	s := &Store{path: path, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	// journal_mode is persistent, so the writer sets it once for every
	// connection; the rest are per connection.
	s.write, err = sql.Open("sqlite", dsn(path, "_txlock=immediate", "_pragma=journal_mode(WAL)", "_pragma=cache_size(-32768)"))
	if err != nil {
		return nil, court.Wrap(court.EInternal, err, "The database cannot be opened.")
	}
	s.write.SetMaxOpenConns(1)
	s.write.SetConnMaxIdleTime(0)
	s.write.SetConnMaxLifetime(0)
	if err := s.write.PingContext(ctx); err != nil {
		s.write.Close()
		return nil, court.Wrap(court.EUnavailable, err, "The database cannot be opened.")
	}
	s.read, err = sql.Open("sqlite", dsn(path, "_query_only=1", "_pragma=mmap_size(268435456)"))
	if err != nil {
		s.write.Close()
		return nil, court.Wrap(court.EInternal, err, "The database cannot be opened.")
	}
	n := max(4, runtime.GOMAXPROCS(0))
	s.read.SetMaxOpenConns(n)
	s.read.SetMaxIdleConns(n)

	if err := s.checkSchema(ctx, opts.AutoMigrate, fsys); err != nil {
		s.Close()
		return nil, err
	}
	if s.writeStmts, err = prepare(ctx, s.write, hotWrites...); err == nil {
		s.readStmts, err = prepare(ctx, s.read, hotReads...)
	}
	if err != nil {
		s.Close()
		return nil, dbError(err, "The database statements cannot be prepared.")
	}
	return s, nil
}

// dsn is the modernc.org/sqlite connection string for path. Every
// connection waits for locks rather than failing at once (the checkpointer
// and migrations can hold them briefly), enforces foreign keys, and syncs
// at WAL commit points only, which loses at most the last transactions on
// power loss, never integrity.
func dsn(path string, extra ...string) string {
	q := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
	for _, e := range extra {
		q += "&" + e
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q
}

// Ping reports whether both pools can reach the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return dbError(err, "The database is unavailable.")
	}
	if err := s.write.PingContext(ctx); err != nil {
		return dbError(err, "The database is unavailable.")
	}
	return nil
}

// Close closes both pools.
func (s *Store) Close() error {
	s.writeStmts.close()
	s.readStmts.close()
	var errs [2]error
	if s.read != nil {
		errs[0] = s.read.Close()
	}
	errs[1] = s.write.Close()
	if errs[0] != nil {
		return errs[0]
	}
	return errs[1]
}

// String names the database for logs.
func (s *Store) String() string { return fmt.Sprintf("sqlite:%s", s.path) }

// InTx runs fn in one write transaction on the single writer. fn must
// not call the Store's own write methods: they wait for the writer fn
// holds. Once a write of tx has failed the transaction is rolled back,
// even if fn goes on and returns nil: the write may have stored part of
// its rows.
func (s *Store) InTx(ctx context.Context, fn func(tx court.Tx) error) error {
	return s.writeTx(ctx, func(t *txn) error { return fn(t) })
}

// writeTx runs fn in a write transaction and commits it if fn succeeds.
// BEGIN IMMEDIATE (from the DSN) takes the write lock up front, so the
// checks fn makes still hold when it writes.
func (s *Store) writeTx(ctx context.Context, fn func(t *txn) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return dbError(err, "The database could not start a transaction.")
	}
	defer tx.Rollback()
	t := &txn{tx: tx, ctx: ctx, stmts: s.writeStmts, now: s.now}
	if err := fn(t); err != nil {
		return err
	}
	if t.failed != nil {
		return t.failed
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "The database could not save the change.")
	}
	return nil
}

// readTx runs fn in a read transaction: one snapshot of the database,
// taken without waiting for the writer.
func (s *Store) readTx(ctx context.Context, fn func(t *txn) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return dbError(err, "The database could not start a transaction.")
	}
	defer tx.Rollback()
	return fn(&txn{tx: tx, ctx: ctx, stmts: s.readStmts})
}

// The statements prepared at Open; see txn.
var (
	hotWrites = []string{sqlState, sqlInsertCase, sqlInsertDocument, sqlTouch, sqlCaseStatus,
		sqlInsertJudgment, sqlSetStatus, sqlInsertArgument, sqlReservation, sqlCompleteArgument}
	hotReads = []string{sqlCase, sqlDocuments, sqlJudgments, sqlArguments}
)

// micros is t as stored; fromMicros is the inverse, in UTC.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

// PoolStats reports the read pool's connections for the metrics.
func (s *Store) PoolStats() (idle, inUse, max int) {
	st := s.read.Stats()
	return st.Idle, st.InUse, st.MaxOpenConnections
}
