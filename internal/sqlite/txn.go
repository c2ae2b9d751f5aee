package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

// Preparing a statement costs SQLite about as much as running a small
// one, so the statements on the hot paths (filing, loading and judging a
// case) are prepared once per connection at Open, keyed by their text;
// the rest run unprepared.
type statements map[string]*sql.Stmt

func prepare(ctx context.Context, db *sql.DB, queries ...string) (statements, error) {
	m := make(statements, len(queries))
	for _, q := range queries {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			m.close()
			return nil, err
		}
		m[q] = st
	}
	return m, nil
}

func (m statements) close() {
	for _, st := range m {
		st.Close()
	}
}

// txn is a transaction that runs prepared statements where it has them.
// A write transaction is the court.Tx that InTx hands out; its writes
// are in the files of what they write (case.go, judgment.go …).
type txn struct {
	tx    *sql.Tx
	ctx   context.Context
	stmts statements
	now   func() time.Time // the store's clock; nil in read transactions
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

func (t *txn) exec(query string, args ...any) (sql.Result, error) {
	if st := t.stmts[query]; st != nil {
		return t.tx.StmtContext(t.ctx, st).ExecContext(t.ctx, args...)
	}
	return t.tx.ExecContext(t.ctx, query, args...)
}

func (t *txn) query(query string, args ...any) (*sql.Rows, error) {
	if st := t.stmts[query]; st != nil {
		return t.tx.StmtContext(t.ctx, st).QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, query, args...)
}

func (t *txn) queryRow(query string, args ...any) *sql.Row {
	if st := t.stmts[query]; st != nil {
		return t.tx.StmtContext(t.ctx, st).QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, query, args...)
}
