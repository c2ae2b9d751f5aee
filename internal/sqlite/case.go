package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/aijudge/aijudge/internal/court"
)

const sqlInsertCase = `
	INSERT INTO cases (id, case_type, jurisdiction, status, a_summary, a_evidence, b_summary, b_evidence, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// CreateCase stores c's filing: both sides and their documents. A new case
// is always filed; c.Judgments and c.Arguments are ignored, they are added
// through AddJudgment and the argument methods. A zero UpdatedAt becomes
// CreatedAt.
func (t *txn) CreateCase(c *court.Case) (err error) {
	defer t.keep(&err)
	c.Status = court.Filed
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	aEvidence, err := jsonList(c.A.Evidence)
	if err != nil {
		return err
	}
	bEvidence, err := jsonList(c.B.Evidence)
	if err != nil {
		return err
	}
	_, err = t.exec(sqlInsertCase,
		c.ID, c.Type, c.Jurisdiction, c.Status, c.A.Summary, aEvidence, c.B.Summary, bEvidence,
		micros(c.CreatedAt), micros(c.UpdatedAt))
	if err != nil {
		return dbError(err, "The case could not be saved.")
	}
	for _, side := range [...]*court.Side{&c.A, &c.B} {
		for i := range side.Documents {
			if err := insertDocument(t, c.ID, &side.Documents[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

const sqlCase = `
	SELECT case_type, jurisdiction, status, a_summary, a_evidence, b_summary, b_evidence, created_at, updated_at
	FROM cases WHERE id = ?`

// Case loads a case in four queries inside one read transaction, so that
// a judgment and the argument that revised it are seen together or not
// at all.
func (s *Store) Case(ctx context.Context, id string) (*court.Case, error) {
	c := &court.Case{ID: id}
	err := s.readTx(ctx, func(t *txn) error {
		var aEvidence, bEvidence []byte
		var created, updated int64
		err := t.queryRow(sqlCase, id).Scan(&c.Type, &c.Jurisdiction, &c.Status,
			&c.A.Summary, &aEvidence, &c.B.Summary, &bEvidence, &created, &updated)
		if errors.Is(err, sql.ErrNoRows) {
			return court.ErrCaseNotFound
		}
		if err != nil {
			return dbError(err, "The case could not be read.")
		}
		c.CreatedAt, c.UpdatedAt = fromMicros(created), fromMicros(updated)
		if err := unmarshalList(aEvidence, &c.A.Evidence); err != nil {
			return err
		}
		if err := unmarshalList(bEvidence, &c.B.Evidence); err != nil {
			return err
		}
		if err := readDocuments(t, c); err != nil {
			return err
		}
		if c.Judgments, err = readJudgments(t, id); err != nil {
			return err
		}
		c.Arguments, err = readArguments(t, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// DeleteCase removes the case (its documents, judgments and arguments go
// with it by ON DELETE CASCADE) and returns the keys of the blobs that only
// this case referred to. The case's audit log is kept.
func (t *txn) DeleteCase(id string) (_ []string, err error) {
	defer t.keep(&err)
	keys := []string{}
	rows, err := t.query(`
		SELECT DISTINCT d.sha256 FROM documents d
		WHERE d.case_id = ?1 AND d.sha256 <> ''
		  AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.sha256 = d.sha256 AND o.case_id <> ?1)
		ORDER BY d.sha256`, id)
	if err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	}
	defer rows.Close()
	for rows.Next() {
		d := court.Document{}
		if err := rows.Scan(&d.SHA256); err != nil {
			return nil, dbError(err, "The case could not be deleted.")
		}
		keys = append(keys, d.BlobKey())
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	}
	res, err := t.exec(`DELETE FROM cases WHERE id = ?`, id)
	if err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	} else if n == 0 {
		return nil, court.ErrCaseNotFound
	}
	return keys, nil
}

// jsonList encodes a list column; a nil list is stored as [] so that
// every row reads back the same way.
func jsonList[T any](list []T) (string, error) {
	if list == nil {
		return "[]", nil
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "", court.Wrap(court.EInternal, err, "The record could not be encoded.")
	}
	return string(b), nil
}

// unmarshalList decodes a list column into a non-nil slice, so that
// callers (and the JSON API) see [] rather than null.
func unmarshalList[T any](b []byte, list *[]T) error {
	if err := json.Unmarshal(b, list); err != nil {
		return court.Wrap(court.EInternal, err, "A stored record is damaged.")
	}
	if *list == nil {
		*list = []T{}
	}
	return nil
}
