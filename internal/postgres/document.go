package postgres

import (
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
)

const (
	sqlInsertDocument = `
		INSERT INTO documents (id, case_id, side, name, media_type, size, sha256, pages, chars, status, text_method, ocr_confidence, text, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
	sqlDocumentTotals = `
		SELECT count(*) FILTER (WHERE side = 'A'), count(*) FILTER (WHERE side = 'B'), COALESCE(sum(size), 0)
		FROM documents WHERE case_id = $1`
	sqlDocuments = `
		SELECT id, side, name, media_type, size, sha256, pages, chars, status, text_method, ocr_confidence, text, created_at
		FROM documents WHERE case_id = $1 ORDER BY pos`
	// updated_at only moves forward: callers' clocks differ, and the
	// newest change wins.
	sqlTouch = `UPDATE cases SET updated_at = GREATEST(updated_at, $2) WHERE id = $1`
)

// AddDocuments adds docs, each to its side, to an open case whose
// documents lim allows them to join. lockState takes the case row's lock
// first, so concurrent requests count one after another.
func (t *txn) AddDocuments(caseID string, docs []court.Document, lim court.DocumentLimits) (err error) {
	defer t.keep(&err)
	st, err := lockState(t, caseID, t.now())
	if err != nil {
		return err
	}
	if st.Status == court.Closed {
		return court.ErrClosedDocument
	}
	var have court.DocumentTotals
	if err := t.tx.QueryRow(t.ctx, sqlDocumentTotals, caseID).Scan(&have.A, &have.B, &have.Bytes); err != nil {
		return dbError(err, "The case's documents could not be counted.")
	}
	if err := lim.Allow(have, docs); err != nil {
		return err
	}
	b := &pgx.Batch{}
	var latest time.Time
	for i := range docs {
		queueDocument(b, caseID, &docs[i])
		if docs[i].CreatedAt.After(latest) {
			latest = docs[i].CreatedAt
		}
	}
	b.Queue(sqlTouch, caseID, latest)
	if err := t.tx.SendBatch(t.ctx, b).Close(); err != nil {
		return dbError(err, "The document could not be saved.")
	}
	return nil
}

func queueDocument(b *pgx.Batch, caseID string, d *court.Document) {
	b.Queue(sqlInsertDocument, d.ID, caseID, d.Side, d.Name, d.MediaType, d.Size, d.SHA256,
		d.Pages, d.Chars, d.Status, d.Method(), d.OCRConfidence, d.Text, d.CreatedAt)
}

// queueReadDocuments appends the case's documents to its sides in filing
// order.
func queueReadDocuments(b *pgx.Batch, c *court.Case) {
	c.A.Documents, c.B.Documents = []court.Document{}, []court.Document{}
	b.Queue(sqlDocuments, c.ID).Query(func(rows pgx.Rows) error {
		var d court.Document
		_, err := pgx.ForEachRow(rows, []any{&d.ID, &d.Side, &d.Name, &d.MediaType, &d.Size, &d.SHA256,
			&d.Pages, &d.Chars, &d.Status, &d.TextMethod, &d.OCRConfidence, &d.Text, &d.CreatedAt}, func() error {
			d.CreatedAt = utc(d.CreatedAt)
			side := c.Side(d.Side)
			side.Documents = append(side.Documents, d)
			return nil
		})
		return err
	})
}
