package sqlite

import (
	"database/sql"
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

const sqlState = `
	SELECT status,
	       (SELECT COALESCE(MAX(version), 0) FROM judgments WHERE case_id = ?1),
	       EXISTS (SELECT 1 FROM judgments WHERE case_id = ?1 AND kind = 'appeal'),
	       (SELECT COUNT(*) FROM arguments WHERE case_id = ?1 AND seq IS NOT NULL),
	       (SELECT COUNT(*) FROM arguments WHERE case_id = ?1 AND seq IS NULL AND lease_until > ?2)
	FROM cases WHERE id = ?1`

// loadState reads the state of case id as of now. The write lock taken
// by BEGIN IMMEDIATE keeps it true until the transaction ends.
func loadState(t *txn, id string, now time.Time) (court.State, error) {
	var st court.State
	err := t.queryRow(sqlState, id, micros(now)).Scan(&st.Status, &st.Versions, &st.Appealed, &st.Answered, &st.Live)
	if errors.Is(err, sql.ErrNoRows) {
		return st, court.ErrCaseNotFound
	}
	if err != nil {
		return st, dbError(err, "The case could not be read.")
	}
	return st, nil
}
