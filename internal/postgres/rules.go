package postgres

import (
	"context"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
)

// caseState is what the trial's rules look at, read under the case's row
// lock inside the transaction that acts on it.
type caseState struct {
	status   court.Status
	versions int // the latest judgment version, 0 before the first
	answered int // arguments answered
	live     int // reservations whose lease has not run out
}

const (
	sqlLockCase = `SELECT status FROM cases WHERE id = $1 FOR UPDATE`
	// sqlState must run as a statement of its own after sqlLockCase: in
	// READ COMMITTED a statement that waited for the lock would still read
	// the other tables as of before the wait, missing the argument the
	// previous lock holder just committed.
	sqlState = `
		SELECT (SELECT COALESCE(MAX(version), 0) FROM judgments WHERE case_id = $1),
		       COUNT(*) FILTER (WHERE seq IS NOT NULL),
		       COUNT(*) FILTER (WHERE seq IS NULL AND lease_until > now())
		FROM arguments WHERE case_id = $1`
)

// lockState locks case id for the rest of tx and reads its state. Both
// statements go in one round trip; the server still runs them one after
// the other, the second with a snapshot taken once the lock is held.
func lockState(ctx context.Context, tx pgx.Tx, id string) (caseState, error) {
	var st caseState
	b := &pgx.Batch{}
	b.Queue(sqlLockCase, id).QueryRow(func(row pgx.Row) error { return row.Scan(&st.status) })
	b.Queue(sqlState, id).QueryRow(func(row pgx.Row) error { return row.Scan(&st.versions, &st.answered, &st.live) })
	err := tx.SendBatch(ctx, b).Close()
	if errNoRows(err) {
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
