package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

const (
	sqlInsertArgument = `
		INSERT INTO arguments (id, case_id, lease_until, side, text, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`
	sqlReservation      = `SELECT seq, lease_until FROM arguments WHERE id = ? AND case_id = ?`
	sqlCompleteArgument = `
		UPDATE arguments SET seq = ?, lease_until = NULL,
			response = ?, strengthens = ?, weakens = ?, uncertainty_remains = ?, reconsidered = ?,
			updated_reasoning = ?, provisional_note = ?, confidence = ?,
			judge_provider = ?, judge_model = ?, judge_prompt_version = ?, flags = ?,
			input_tokens = ?, output_tokens = ?, latency_ms = ?, cost = ?, calls = ?
		WHERE id = ?`
	sqlArguments = `
		SELECT id, seq, side, text, response, strengthens, weakens, uncertainty_remains, reconsidered,
			updated_reasoning, provisional_note, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at
		FROM arguments WHERE case_id = ? AND seq IS NOT NULL ORDER BY seq`
)

// ReserveArgument claims a slot for a until lease runs out by the store's
// clock. Only a's id, side, text and creation time are stored now; the
// answer comes with CompleteArgument.
func (s *Store) ReserveArgument(ctx context.Context, a *court.Argument, lease time.Duration) error {
	if lease <= 0 {
		return court.ErrBadLease
	}
	return s.writeTx(ctx, func(t *txn) error {
		now := t.now()
		st, err := loadState(t, a.CaseID, now)
		if err != nil {
			return err
		}
		if err := st.AllowArgument(); err != nil {
			return err
		}
		_, err = t.exec(sqlInsertArgument,
			a.ID, a.CaseID, micros(now.Add(lease)), a.Side, a.Text, micros(a.CreatedAt))
		if err != nil {
			return dbError(err, "The argument could not be saved.")
		}
		a.Seq = 0
		return nil
	})
}

// CompleteArgument stores the answer to a and numbers it. A lease that ran
// out is forgiven as long as nobody took its slot meanwhile: the five
// argument rule is what matters, not the clock.
func (t *txn) CompleteArgument(a *court.Argument, revised *court.Judgment) (err error) {
	defer t.keep(&err)
	if revised != nil {
		if revised.CaseID == "" {
			revised.CaseID = a.CaseID
		}
		if revised.Kind == "" {
			revised.Kind = court.Reconsidered
		}
		if revised.Kind != court.Reconsidered || revised.CaseID != a.CaseID {
			return court.ErrRevisedKind
		}
	}
	now := t.now()
	st, err := loadState(t, a.CaseID, now)
	if err != nil {
		return err
	}
	if st.Status == court.Closed {
		return court.ErrClosedArgument
	}
	var seq sql.NullInt64
	var leaseUntil sql.NullInt64
	err = t.queryRow(sqlReservation, a.ID, a.CaseID).Scan(&seq, &leaseUntil)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return court.ErrReservationLost
	case err != nil:
		return dbError(err, "The argument could not be read.")
	case seq.Valid:
		return court.ErrAlreadyAnswered
	case leaseUntil.Int64 <= micros(now) && st.Answered+st.Live >= court.MaxArguments:
		return court.ErrReservationLost
	}
	flags, err := jsonList(a.Flags)
	if err != nil {
		return err
	}
	next := st.Answered + 1
	_, err = t.exec(sqlCompleteArgument,
		next, a.Response, a.Strengthens, a.Weakens, a.UncertaintyRemains, a.Reconsidered,
		a.UpdatedReasoning, a.ProvisionalNote, a.Confidence,
		a.Judge.Provider, a.Judge.Model, a.Judge.PromptVersion, flags,
		a.Usage.InputTokens, a.Usage.OutputTokens, a.Usage.LatencyMS, a.Usage.Cost, a.Usage.Calls,
		a.ID)
	if err != nil {
		return dbError(err, "The answer could not be saved.")
	}
	at := micros(a.CreatedAt)
	if revised != nil {
		if err := insertJudgment(t, revised, st.Versions+1); err != nil {
			return err
		}
		at = max(at, micros(revised.CreatedAt))
	}
	if err := setStatus(t, a.CaseID, court.Arguing, at); err != nil {
		return err
	}
	a.Seq = next
	return nil
}

// ReleaseArgument deletes a reservation that was not answered. Releasing
// one that is gone already, or was answered, changes nothing.
func (s *Store) ReleaseArgument(ctx context.Context, caseID, argumentID string) error {
	return s.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`DELETE FROM arguments WHERE id = ? AND case_id = ? AND seq IS NULL`, argumentID, caseID)
		if err != nil {
			return dbError(err, "The argument could not be released.")
		}
		return nil
	})
}

func readArguments(t *txn, caseID string) ([]court.Argument, error) {
	rows, err := t.query(sqlArguments, caseID)
	if err != nil {
		return nil, dbError(err, "The case's arguments could not be read.")
	}
	defer rows.Close()
	list := []court.Argument{}
	var flags sql.RawBytes
	for rows.Next() {
		a := court.Argument{CaseID: caseID}
		var created int64
		if err := rows.Scan(&a.ID, &a.Seq, &a.Side, &a.Text, &a.Response, &a.Strengthens, &a.Weakens, &a.UncertaintyRemains, &a.Reconsidered,
			&a.UpdatedReasoning, &a.ProvisionalNote, &a.Confidence,
			&a.Judge.Provider, &a.Judge.Model, &a.Judge.PromptVersion, &flags,
			&a.Usage.InputTokens, &a.Usage.OutputTokens, &a.Usage.LatencyMS, &a.Usage.Cost, &a.Usage.Calls, &created); err != nil {
			return nil, dbError(err, "The case's arguments could not be read.")
		}
		if err := unmarshalList(flags, &a.Flags); err != nil {
			return nil, err
		}
		a.CreatedAt = fromMicros(created)
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The case's arguments could not be read.")
	}
	return list, nil
}
