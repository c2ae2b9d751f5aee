package sqlite

import (
	"database/sql"
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// caseState is what the trial's rules look at, read inside the write
// transaction that acts on it.
type caseState struct {
	status   court.Status
	versions int // the latest judgment version, 0 before the first
	answered int // arguments answered
	live     int // reservations whose lease has not run out
}

const sqlState = `
	SELECT status,
	       (SELECT COALESCE(MAX(version), 0) FROM judgments WHERE case_id = ?1),
	       (SELECT COUNT(*) FROM arguments WHERE case_id = ?1 AND seq IS NOT NULL),
	       (SELECT COUNT(*) FROM arguments WHERE case_id = ?1 AND seq IS NULL AND lease_until > ?2)
	FROM cases WHERE id = ?1`

// loadState reads the state of case id as of now. The write lock taken
// by BEGIN IMMEDIATE keeps it true until the transaction ends.
func loadState(t txn, id string, now time.Time) (caseState, error) {
	var st caseState
	err := t.queryRow(sqlState, id, micros(now)).Scan(&st.status, &st.versions, &st.answered, &st.live)
	if errors.Is(err, sql.ErrNoRows) {
		return st, errCaseNotFound
	}
	if err != nil {
		return st, dbError(err, "The case could not be read.")
	}
	return st, nil
}

// allowJudgment says whether a judgment of kind may be appended now.
func (st caseState) allowJudgment(kind court.Kind) error {
	switch kind {
	case court.Tentative, court.Reconsidered, court.Final:
	default:
		return errBadKind
	}
	switch {
	case st.status == court.Closed:
		return errClosedJudgment
	case kind == court.Tentative && st.versions > 0:
		return errTentativeExists
	case kind == court.Reconsidered && st.versions == 0:
		return errNothingToRevise
	case kind == court.Final && st.versions == 0:
		return errFinalTooEarly
	case kind == court.Final && st.live > 0:
		return errArgumentPending
	}
	return nil
}

// allowArgument says whether another argument may be reserved now.
func (st caseState) allowArgument() error {
	switch {
	case st.status == court.Closed:
		return errClosedArgument
	case st.versions == 0:
		return errNoJudgment
	case st.answered+st.live >= court.MaxArguments:
		return errArgumentsFull
	}
	return nil
}

// statusAfter is the case's status once a judgment of kind is appended.
func (st caseState) statusAfter(kind court.Kind) court.Status {
	switch {
	case kind == court.Final:
		return court.Closed
	case st.status == court.Filed:
		return court.Judged
	}
	return st.status
}
