package postgres

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
)

const (
	sqlInsertArgument = `
		INSERT INTO arguments (id, case_id, lease_until, side, text, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`
	// Whether the lease is live as of $3, the store's now.
	sqlReservation      = `SELECT seq, lease_until > $3 FROM arguments WHERE id = $1 AND case_id = $2`
	sqlCompleteArgument = `
		UPDATE arguments SET seq = $2, lease_until = NULL,
			response = $3, strengthens = $4, weakens = $5, uncertainty_remains = $6, reconsidered = $7,
			updated_reasoning = $8, provisional_note = $9, confidence = $10,
			judge_provider = $11, judge_model = $12, judge_prompt_version = $13, flags = $14,
			input_tokens = $15, output_tokens = $16, latency_ms = $17, cost = $18, calls = $19
		WHERE id = $1`
	sqlArguments = `
		SELECT id, seq, side, text, response, strengthens, weakens, uncertainty_remains, reconsidered,
			updated_reasoning, provisional_note, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at
		FROM arguments WHERE case_id = $1 AND seq IS NOT NULL ORDER BY seq`
)

// ReserveArgument claims a slot for a until lease runs out by the store's
// clock. Only a's id, side, text and creation time are stored now; the
// answer comes with CompleteArgument.
func (s *Store) ReserveArgument(ctx context.Context, a *court.Argument, lease time.Duration) error {
	if lease <= 0 {
		return court.ErrBadLease
	}
	return s.inTx(ctx, func(t *txn) error {
		now := t.now()
		st, err := lockState(t, a.CaseID, now)
		if err != nil {
			return err
		}
		if err := st.AllowArgument(); err != nil {
			return err
		}
		if _, err := t.tx.Exec(ctx, sqlInsertArgument, a.ID, a.CaseID, now.Add(lease), a.Side, a.Text, a.CreatedAt); err != nil {
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
	st, err := lockState(t, a.CaseID, now)
	if err != nil {
		return err
	}
	if st.Status == court.Closed {
		return court.ErrClosedArgument
	}
	var seq *int
	var live *bool
	err = t.tx.QueryRow(t.ctx, sqlReservation, a.ID, a.CaseID, now).Scan(&seq, &live)
	switch {
	case errNoRows(err):
		return court.ErrReservationLost
	case err != nil:
		return dbError(err, "The argument could not be read.")
	case seq != nil:
		return court.ErrAlreadyAnswered
	case !*live && st.Answered+st.Live >= court.MaxArguments:
		return court.ErrReservationLost
	}
	next := st.Answered + 1
	b := &pgx.Batch{}
	b.Queue(sqlCompleteArgument, a.ID, next,
		a.Response, a.Strengthens, a.Weakens, a.UncertaintyRemains, a.Reconsidered,
		a.UpdatedReasoning, a.ProvisionalNote, a.Confidence,
		a.Judge.Provider, a.Judge.Model, a.Judge.PromptVersion, emptyIfNil(a.Flags),
		a.Usage.InputTokens, a.Usage.OutputTokens, a.Usage.LatencyMS, a.Usage.Cost, a.Usage.Calls)
	at := a.CreatedAt
	if revised != nil {
		queueJudgment(b, revised, st.Versions+1)
		if revised.CreatedAt.After(at) {
			at = revised.CreatedAt
		}
	}
	b.Queue(sqlSetStatus, a.CaseID, court.Arguing, at)
	if err := t.tx.SendBatch(t.ctx, b).Close(); err != nil {
		return dbError(err, "The answer could not be saved.")
	}
	a.Seq = next
	if revised != nil {
		revised.Version = st.Versions + 1
	}
	return nil
}

// ReleaseArgument deletes a reservation that was not answered. Releasing
// one that is gone already, or was answered, changes nothing.
func (s *Store) ReleaseArgument(ctx context.Context, caseID, argumentID string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM arguments WHERE id = $1 AND case_id = $2 AND seq IS NULL`, argumentID, caseID)
	if err != nil {
		return dbError(err, "The argument could not be released.")
	}
	return nil
}

func queueReadArguments(b *pgx.Batch, c *court.Case) {
	c.Arguments = []court.Argument{}
	b.Queue(sqlArguments, c.ID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			a := court.Argument{CaseID: c.ID}
			if err := rows.Scan(&a.ID, &a.Seq, &a.Side, &a.Text, &a.Response, &a.Strengthens, &a.Weakens, &a.UncertaintyRemains, &a.Reconsidered,
				&a.UpdatedReasoning, &a.ProvisionalNote, &a.Confidence,
				&a.Judge.Provider, &a.Judge.Model, &a.Judge.PromptVersion, &a.Flags,
				&a.Usage.InputTokens, &a.Usage.OutputTokens, &a.Usage.LatencyMS, &a.Usage.Cost, &a.Usage.Calls, &a.CreatedAt); err != nil {
				return err
			}
			a.CreatedAt = utc(a.CreatedAt)
			a.Flags = emptyIfNil(a.Flags)
			c.Arguments = append(c.Arguments, a)
		}
		return rows.Err()
	})
}
