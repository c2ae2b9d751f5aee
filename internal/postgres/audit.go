package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/aijudge/aijudge/internal/court"
)

var _ court.AuditLog = (*Store)(nil)

// AppendAudit appends e in a transaction of its own.
func (s *Store) AppendAudit(ctx context.Context, e *court.AuditEntry) error {
	return s.InTx(ctx, func(tx court.Tx) error { return tx.AppendAudit(e) })
}

// AppendAudit takes a transaction-scoped advisory lock on the case's log
// (the case row may be gone: the log outlives it, and invitations append
// without locking it), reads the last entry and writes the next, so that
// appends from any replica never fork the chain. Callers append after the
// writes an entry records, as court.Stamp's do, so that every transaction
// takes the case's row lock before the log's lock and none waits for
// another in a cycle.
func (t *txn) AppendAudit(e *court.AuditEntry) (err error) {
	defer t.keep(&err)
	if _, err := t.tx.Exec(t.ctx, `SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, e.CaseID); err != nil {
		return dbError(err, "The audit log could not be locked.")
	}
	var prev court.AuditEntry
	err = t.tx.QueryRow(t.ctx, `SELECT seq, hash FROM audit_log WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, e.CaseID).Scan(&prev.Seq, &prev.Hash)
	switch {
	case errNoRows(err):
		e.Seal(nil)
	case err != nil:
		return dbError(err, "The audit log could not be read.")
	default:
		e.Seal(&prev)
	}
	_, err = t.tx.Exec(t.ctx, `INSERT INTO audit_log (case_id, seq, at, actor, action, subject, digest, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.CaseID, e.Seq, e.Time, e.Actor, e.Action, e.Subject, e.Digest, e.PrevHash, e.Hash)
	if err != nil {
		return dbError(err, "The audit log could not be written.")
	}
	return nil
}

// AuditEntries returns the case's entries in order.
func (s *Store) AuditEntries(ctx context.Context, caseID string) ([]court.AuditEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT seq, at, actor, action, subject, digest, prev_hash, hash FROM audit_log WHERE case_id = $1 ORDER BY seq`, caseID)
	if err != nil {
		return nil, dbError(err, "The audit log could not be read.")
	}
	list := []court.AuditEntry{}
	e := court.AuditEntry{CaseID: caseID}
	_, err = pgx.ForEachRow(rows, []any{&e.Seq, &e.Time, &e.Actor, &e.Action, &e.Subject, &e.Digest, &e.PrevHash, &e.Hash}, func() error {
		e.Time = utc(e.Time)
		list = append(list, e)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "The audit log could not be read.")
	}
	return list, nil
}
