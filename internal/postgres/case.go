package postgres

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
)

const sqlInsertCase = `
	INSERT INTO cases (id, case_type, jurisdiction, status, a_summary, a_evidence, b_summary, b_evidence, created_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`

// CreateCase stores c's filing: both sides and their documents, in one
// round trip. A new case is always filed; c.Judgments and c.Arguments are
// ignored, they are added through AddJudgment and the argument methods. A
// zero UpdatedAt becomes CreatedAt.
func (t *txn) CreateCase(c *court.Case) (err error) {
	defer t.keep(&err)
	c.Status = court.Filed
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	b := &pgx.Batch{}
	b.Queue(sqlInsertCase, c.ID, c.Type, c.Jurisdiction, c.Status,
		c.A.Summary, emptyIfNil(c.A.Evidence), c.B.Summary, emptyIfNil(c.B.Evidence), c.CreatedAt, c.UpdatedAt)
	for _, side := range [...]*court.Side{&c.A, &c.B} {
		for i := range side.Documents {
			queueDocument(b, c.ID, &side.Documents[i])
		}
	}
	if err := t.tx.SendBatch(t.ctx, b).Close(); err != nil {
		return dbError(err, "The case could not be saved.")
	}
	return nil
}

const sqlCase = `
	SELECT case_type, jurisdiction, status, a_summary, a_evidence, b_summary, b_evidence, created_at, updated_at
	FROM cases WHERE id = $1`

// Case loads a case with four queries sent in one round trip inside a
// REPEATABLE READ transaction, so that they all see one snapshot: a
// judgment and the argument that revised it appear together or not at all.
func (s *Store) Case(ctx context.Context, id string) (*court.Case, error) {
	c := &court.Case{ID: id}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, dbError(err, "The case could not be read.")
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	b := &pgx.Batch{}
	b.Queue(sqlCase, id).QueryRow(func(row pgx.Row) error {
		return row.Scan(&c.Type, &c.Jurisdiction, &c.Status, &c.A.Summary, &c.A.Evidence,
			&c.B.Summary, &c.B.Evidence, &c.CreatedAt, &c.UpdatedAt)
	})
	queueReadDocuments(b, c)
	queueReadJudgments(b, c)
	queueReadArguments(b, c)
	err = tx.SendBatch(ctx, b).Close()
	if errNoRows(err) {
		return nil, court.ErrCaseNotFound
	}
	if err != nil {
		return nil, dbError(err, "The case could not be read.")
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	c.A.Evidence, c.B.Evidence = emptyIfNil(c.A.Evidence), emptyIfNil(c.B.Evidence)
	return c, nil
}

const sqlOrphanBlobs = `
	SELECT DISTINCT d.sha256 FROM documents d
	WHERE d.case_id = $1 AND d.sha256 <> ''
	  AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.sha256 = d.sha256 AND o.case_id <> $1)
	ORDER BY d.sha256`

// DeleteCase removes the case (its documents, judgments and arguments go
// with it by ON DELETE CASCADE) and returns the keys of the blobs that only
// this case referred to. The case's audit log is kept.
func (t *txn) DeleteCase(id string) (_ []string, err error) {
	defer t.keep(&err)
	if _, err := lockState(t, id, t.now()); err != nil {
		return nil, err
	}
	rows, err := t.tx.Query(t.ctx, sqlOrphanBlobs, id)
	if err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	}
	keys := []string{}
	var d court.Document
	_, err = pgx.ForEachRow(rows, []any{&d.SHA256}, func() error {
		keys = append(keys, d.BlobKey())
		return nil
	})
	if err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	}
	if _, err := t.tx.Exec(t.ctx, `DELETE FROM cases WHERE id = $1`, id); err != nil {
		return nil, dbError(err, "The case could not be deleted.")
	}
	return keys, nil
}

// utc returns t in UTC; pgx returns timestamptz in the local zone.
func utc(t time.Time) time.Time { return t.UTC() }
