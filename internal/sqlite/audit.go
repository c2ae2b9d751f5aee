package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/aijudge/aijudge/internal/court"
)

var _ court.AuditLog = (*Store)(nil)

// AppendAudit appends e in a transaction of its own.
func (s *Store) AppendAudit(ctx context.Context, e *court.AuditEntry) error {
	return s.InTx(ctx, func(tx court.Tx) error { return tx.AppendAudit(e) })
}

// AppendAudit reads the case's last entry and writes the next. Every
// write transaction runs on the single writer, so appends to a case never
// fork the chain.
func (t *txn) AppendAudit(e *court.AuditEntry) (err error) {
	defer t.keep(&err)
	var prev court.AuditEntry
	err = t.queryRow(`SELECT seq, hash FROM audit_log WHERE case_id = ? ORDER BY seq DESC LIMIT 1`, e.CaseID).Scan(&prev.Seq, &prev.Hash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		e.Seal(nil)
	case err != nil:
		return dbError(err, "The audit log could not be read.")
	default:
		e.Seal(&prev)
	}
	_, err = t.exec(`INSERT INTO audit_log (case_id, seq, at, actor, action, subject, digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.CaseID, e.Seq, micros(e.Time), e.Actor, e.Action, e.Subject, e.Digest, e.PrevHash, e.Hash)
	if err != nil {
		return dbError(err, "The audit log could not be written.")
	}
	return nil
}

// AuditEntries returns the case's entries in order.
func (s *Store) AuditEntries(ctx context.Context, caseID string) ([]court.AuditEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT seq, at, actor, action, subject, digest, prev_hash, hash FROM audit_log WHERE case_id = ? ORDER BY seq`, caseID)
	if err != nil {
		return nil, dbError(err, "The audit log could not be read.")
	}
	defer rows.Close()
	list := []court.AuditEntry{}
	for rows.Next() {
		e := court.AuditEntry{CaseID: caseID}
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Digest, &e.PrevHash, &e.Hash); err != nil {
			return nil, dbError(err, "The audit log could not be read.")
		}
		e.Time = fromMicros(at)
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The audit log could not be read.")
	}
	return list, nil
}
