package sqlite

import (
	"database/sql"
	"encoding/json"

	"github.com/aijudge/aijudge/internal/court"
)

// AddJudgment appends j as the case's next version, if the trial's rules
// allow a judgment of its kind now, and moves the case's status on.
func (t *txn) AddJudgment(j *court.Judgment) (err error) {
	defer t.keep(&err)
	st, err := loadState(t, j.CaseID, t.now())
	if err != nil {
		return err
	}
	if err := st.AllowJudgment(j.Kind); err != nil {
		return err
	}
	if err := insertJudgment(t, j, st.Versions+1); err != nil {
		return err
	}
	return setStatus(t, j.CaseID, st.StatusAfter(j.Kind), micros(j.CreatedAt))
}

// insertJudgment stores j as version and sets j.Version once it is stored.
const (
	sqlInsertJudgment = `
		INSERT INTO judgments (id, case_id, version, kind, verdict, reasoning, legal_basis, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at,
			favours, roles, issues, relief, citations, review)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlSetStatus = `UPDATE cases SET status = ?, updated_at = MAX(updated_at, ?) WHERE id = ?`
	sqlJudgments = `
		SELECT id, version, kind, verdict, reasoning, legal_basis, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at,
			favours, roles, issues, relief, citations, review
		FROM judgments WHERE case_id = ? ORDER BY version`
)

func insertJudgment(t *txn, j *court.Judgment, version int) error {
	legal, err := jsonList(j.LegalBasis)
	if err != nil {
		return err
	}
	flags, err := jsonList(j.Flags)
	if err != nil {
		return err
	}
	roles, err := json.Marshal(j.Roles)
	if err != nil {
		return court.Wrap(court.EInternal, err, "The record could not be encoded.")
	}
	issues, err := jsonList(j.Issues)
	if err != nil {
		return err
	}
	relief, err := jsonList(j.Relief)
	if err != nil {
		return err
	}
	citations, err := jsonList(j.Citations)
	if err != nil {
		return err
	}
	review, err := json.Marshal(j.Review())
	if err != nil {
		return court.Wrap(court.EInternal, err, "The record could not be encoded.")
	}
	_, err = t.exec(sqlInsertJudgment,
		j.ID, j.CaseID, version, j.Kind, j.Verdict, j.Reasoning, legal, j.Confidence,
		j.Judge.Provider, j.Judge.Model, j.Judge.PromptVersion, flags,
		j.Usage.InputTokens, j.Usage.OutputTokens, j.Usage.LatencyMS, j.Usage.Cost, j.Usage.Calls, micros(j.CreatedAt),
		j.Favours, string(roles), issues, relief, citations, string(review))
	if err != nil {
		return dbError(err, "The judgment could not be saved.")
	}
	j.Version = version
	return nil
}

func setStatus(t *txn, caseID string, status court.Status, at int64) error {
	_, err := t.exec(sqlSetStatus, status, at, caseID)
	if err != nil {
		return dbError(err, "The case could not be updated.")
	}
	return nil
}

func readJudgments(t *txn, caseID string) ([]court.Judgment, error) {
	rows, err := t.query(sqlJudgments, caseID)
	if err != nil {
		return nil, dbError(err, "The case's judgments could not be read.")
	}
	defer rows.Close()
	list := []court.Judgment{}
	var legal, flags, roles, issues, relief, citations, review sql.RawBytes
	for rows.Next() {
		j := court.Judgment{CaseID: caseID}
		var created int64
		if err := rows.Scan(&j.ID, &j.Version, &j.Kind, &j.Verdict, &j.Reasoning, &legal, &j.Confidence,
			&j.Judge.Provider, &j.Judge.Model, &j.Judge.PromptVersion, &flags,
			&j.Usage.InputTokens, &j.Usage.OutputTokens, &j.Usage.LatencyMS, &j.Usage.Cost, &j.Usage.Calls, &created,
			&j.Favours, &roles, &issues, &relief, &citations, &review); err != nil {
			return nil, dbError(err, "The case's judgments could not be read.")
		}
		if err := unmarshalList(legal, &j.LegalBasis); err != nil {
			return nil, err
		}
		if err := unmarshalList(flags, &j.Flags); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(roles, &j.Roles); err != nil {
			return nil, court.Wrap(court.EInternal, err, "A stored record is damaged.")
		}
		if err := unmarshalList(issues, &j.Issues); err != nil {
			return nil, err
		}
		if err := unmarshalList(relief, &j.Relief); err != nil {
			return nil, err
		}
		if err := unmarshalList(citations, &j.Citations); err != nil {
			return nil, err
		}
		var rv court.Review
		if err := json.Unmarshal(review, &rv); err != nil {
			return nil, court.Wrap(court.EInternal, err, "A stored record is damaged.")
		}
		j.SetReview(rv)
		j.CreatedAt = fromMicros(created)
		list = append(list, j)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The case's judgments could not be read.")
	}
	return list, nil
}
