package postgres

import (
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
)

const (
	sqlLockCase = `SELECT status FROM cases WHERE id = $1 FOR UPDATE`
	// sqlState must run as a statement of its own after sqlLockCase: in
	// READ COMMITTED a statement that waited for the lock would still read
	// the other tables as of before the wait, missing the argument the
	// previous lock holder just committed.
	sqlState = `
		SELECT (SELECT COALESCE(MAX(version), 0) FROM judgments WHERE case_id = $1),
		       EXISTS (SELECT 1 FROM judgments WHERE case_id = $1 AND kind = 'appeal'),
		       COUNT(*) FILTER (WHERE seq IS NOT NULL),
		       COUNT(*) FILTER (WHERE seq IS NULL AND lease_until > $2)
		FROM arguments WHERE case_id = $1`
)

// lockState locks case id for the rest of t and reads its state as of
// now. Both statements go in one round trip; the server still runs them
// one after the other, the second with a snapshot taken once the lock is
// held.
func lockState(t *txn, id string, now time.Time) (court.State, error) {
	var st court.State
	b := &pgx.Batch{}
	b.Queue(sqlLockCase, id).QueryRow(func(row pgx.Row) error { return row.Scan(&st.Status) })
	b.Queue(sqlState, id, now).QueryRow(func(row pgx.Row) error { return row.Scan(&st.Versions, &st.Appealed, &st.Answered, &st.Live) })
	err := t.tx.SendBatch(t.ctx, b).Close()
	if errNoRows(err) {
		return st, court.ErrCaseNotFound
	}
	if err != nil {
		return st, dbError(err, "The case could not be read.")
	}
	return st, nil
}
