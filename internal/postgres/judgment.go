package postgres

import (
	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
)

const (
	sqlInsertJudgment = `
		INSERT INTO judgments (id, case_id, version, kind, verdict, reasoning, legal_basis, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at,
			favours, roles, issues, relief, citations, review)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
			$19, $20, $21, $22, $23, $24)`
	sqlSetStatus = `UPDATE cases SET status = $2, updated_at = GREATEST(updated_at, $3) WHERE id = $1`
	sqlJudgments = `
		SELECT id, version, kind, verdict, reasoning, legal_basis, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at,
			favours, roles, issues, relief, citations, review
		FROM judgments WHERE case_id = $1 ORDER BY version`
)

// AddJudgment appends j as the case's next version, if the trial's rules
// allow a judgment of its kind now, and moves the case's status on.
func (t *txn) AddJudgment(j *court.Judgment) (err error) {
	defer t.keep(&err)
	st, err := lockState(t, j.CaseID, t.now())
	if err != nil {
		return err
	}
	if err := st.AllowJudgment(j.Kind); err != nil {
		return err
	}
	b := &pgx.Batch{}
	queueJudgment(b, j, st.Versions+1)
	b.Queue(sqlSetStatus, j.CaseID, st.StatusAfter(j.Kind), j.CreatedAt)
	if err := t.tx.SendBatch(t.ctx, b).Close(); err != nil {
		return dbError(err, "The judgment could not be saved.")
	}
	j.Version = st.Versions + 1
	return nil
}

func queueJudgment(b *pgx.Batch, j *court.Judgment, version int) {
	b.Queue(sqlInsertJudgment, j.ID, j.CaseID, version, j.Kind, j.Verdict, j.Reasoning,
		emptyIfNil(j.LegalBasis), j.Confidence,
		j.Judge.Provider, j.Judge.Model, j.Judge.PromptVersion, emptyIfNil(j.Flags),
		j.Usage.InputTokens, j.Usage.OutputTokens, j.Usage.LatencyMS, j.Usage.Cost, j.Usage.Calls, j.CreatedAt,
		j.Favours, j.Roles, emptyIfNil(j.Issues), emptyIfNil(j.Relief), emptyIfNil(j.Citations), j.Review())
}

func queueReadJudgments(b *pgx.Batch, c *court.Case) {
	c.Judgments = []court.Judgment{}
	b.Queue(sqlJudgments, c.ID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			j := court.Judgment{CaseID: c.ID}
			var review court.Review
			if err := rows.Scan(&j.ID, &j.Version, &j.Kind, &j.Verdict, &j.Reasoning, &j.LegalBasis, &j.Confidence,
				&j.Judge.Provider, &j.Judge.Model, &j.Judge.PromptVersion, &j.Flags,
				&j.Usage.InputTokens, &j.Usage.OutputTokens, &j.Usage.LatencyMS, &j.Usage.Cost, &j.Usage.Calls, &j.CreatedAt,
				&j.Favours, &j.Roles, &j.Issues, &j.Relief, &j.Citations, &review); err != nil {
				return err
			}
			j.SetReview(review)
			j.CreatedAt = utc(j.CreatedAt)
			j.LegalBasis, j.Flags = emptyIfNil(j.LegalBasis), emptyIfNil(j.Flags)
			j.Issues, j.Relief, j.Citations = emptyIfNil(j.Issues), emptyIfNil(j.Relief), emptyIfNil(j.Citations)
			c.Judgments = append(c.Judgments, j)
		}
		return rows.Err()
	})
}
