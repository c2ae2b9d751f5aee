// Package postgres is the court.Store kept in PostgreSQL, for deployments
// with several replicas. It uses pgx and its pool directly; database/sql
// appears only to hand goose a handle for the migrations.
//
// The trial's rules are enforced in READ COMMITTED transactions that
// first lock the case row with SELECT … FOR UPDATE. Every write to a case
// takes that lock, so writes to one case queue behind each other while
// different cases proceed in parallel; the statements after the lock run
// with a fresh snapshot and so see everything the previous holder
// committed. A hundred concurrent requests for the five argument slots
// therefore yield exactly five, on any number of replicas.
//
// Lists that belong to one row and are always read and written whole with
// it (evidence points, legal basis, flags, a judgment's issues, relief and
// citations) are jsonb arrays, its roles a jsonb object: nobody queries
// an item on its own, the order is kept for free, and a case loads in one
// round trip whatever its size. Judge info and usage are plain columns,
// since reports group and sum by them. Leases and expiry follow the
// store's clock (Options.Now), passed to each query that decides them, so
// replicas need clocks kept in step (NTP keeps them far closer than any
// lease is long).
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Options tune Open.
type Options struct {
	// AutoMigrate applies pending migrations on Open. Without it Open
	// refuses a database whose schema is behind this build.
	AutoMigrate bool
	// MaxConns caps the pool; 0 keeps pgxpool's default (the larger of 4
	// and the number of CPUs).
	MaxConns int32
	// StatementTimeout makes the server cancel any statement running
	// longer, so that a stuck query cannot hold a case's lock for ever;
	// 0 leaves the server's setting.
	StatementTimeout time.Duration
	// Now is the clock of every lease and expiry the store decides
	// (argument reservations, Idempotency-Key claims); nil means time.Now.
	Now func() time.Time
}

// Store is a court.Store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	now  func() time.Time
}

var (
	_ court.Store       = (*Store)(nil)
	_ idempotency.Store = (*Store)(nil)
)

// Open connects to the database at url (postgres://…), checks that it
// answers, and checks or migrates its schema.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error may quote the URL, password included.
		return nil, court.Errorf(court.EInvalid, "DATABASE_URL is not a valid PostgreSQL URL.")
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if opts.StatementTimeout > 0 {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(opts.StatementTimeout.Milliseconds(), 10)
	}
	// Without connect_timeout in the URL a dial to an unreachable host
	// waits for the kernel (minutes); requests must fail fast instead.
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	if cfg.ConnConfig.RuntimeParams["application_name"] == "" {
		cfg.ConnConfig.RuntimeParams["application_name"] = "aijudge"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, dbError(err, "The database cannot be reached.")
	}
	s := &Store{pool: pool, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := s.checkSchema(ctx, opts.AutoMigrate, migrations); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return dbError(err, "The database is unavailable.")
	}
	return nil
}

// Close closes the pool, waiting for connections in use to be returned.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// String names the database for logs, without credentials.
func (s *Store) String() string {
	c := s.pool.Config().ConnConfig
	return fmt.Sprintf("postgres:%s:%d/%s", c.Host, c.Port, c.Database)
}

// txn is a write transaction of the store: the court.Tx that InTx hands
// out. Its writes are in the files of what they write (case.go,
// judgment.go …).
type txn struct {
	tx  pgx.Tx
	ctx context.Context
	now func() time.Time
	// failed is the first error a write of the transaction returned;
	// the transaction does not commit after it.
	failed error
}

var (
	_ court.Tx       = (*txn)(nil)
	_ auth.Tx        = (*txn)(nil)
	_ idempotency.Tx = (*txn)(nil)
)

// keep records *err as the transaction's failure, if it is the first. The
// writes of court.Tx, auth.Tx and idempotency.Tx defer it.
func (t *txn) keep(err *error) {
	if *err != nil && t.failed == nil {
		t.failed = *err
	}
}

// InTx runs fn in one READ COMMITTED transaction. fn must not call the
// Store's own methods: they run in other transactions, which may wait for
// the locks fn holds. Once a write of tx has failed the transaction is
// rolled back, even if fn goes on and returns nil.
func (s *Store) InTx(ctx context.Context, fn func(tx court.Tx) error) error {
	return s.inTx(ctx, func(t *txn) error { return fn(t) })
}

// inTx runs fn in a transaction and commits it if fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(t *txn) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return dbError(err, "The database could not start a transaction.")
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	t := &txn{tx: tx, ctx: ctx, now: s.now}
	if err := fn(t); err != nil {
		return err
	}
	if t.failed != nil {
		return t.failed
	}
	if err := tx.Commit(ctx); err != nil {
		return dbError(err, "The database could not save the change.")
	}
	return nil
}

// emptyIfNil makes a nil list encode as [] rather than null.
func emptyIfNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

// errNoRows reports whether err means a query found nothing.
func errNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }

// PoolStats reports the pool's connections for the metrics.
func (s *Store) PoolStats() (idle, inUse, max int) {
	st := s.pool.Stat()
	return int(st.IdleConns()), int(st.AcquiredConns()), int(st.MaxConns())
}
