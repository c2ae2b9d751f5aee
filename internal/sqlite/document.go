package sqlite

import (
	"database/sql"
	"errors"

	"github.com/aijudge/aijudge/internal/court"
)

// AddDocuments adds docs, each to its side, to an open case whose
// documents lim allows them to join. The transaction holds SQLite's one
// write lock from its start (BEGIN IMMEDIATE), so the count read here
// cannot change before the inserts.
func (t *txn) AddDocuments(caseID string, docs []court.Document, lim court.DocumentLimits) (err error) {
	defer t.keep(&err)
	var status court.Status
	err = t.queryRow(sqlCaseStatus, caseID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return court.ErrCaseNotFound
	}
	if err != nil {
		return dbError(err, "The document could not be saved.")
	}
	if status == court.Closed {
		return court.ErrClosedDocument
	}
	var have court.DocumentTotals
	if err := t.queryRow(sqlDocumentTotals, caseID).Scan(&have.A, &have.B, &have.Bytes); err != nil {
		return dbError(err, "The case's documents could not be counted.")
	}
	if err := lim.Allow(have, docs); err != nil {
		return err
	}
	var latest int64
	for i := range docs {
		if err := insertDocument(t, caseID, &docs[i]); err != nil {
			return err
		}
		latest = max(latest, micros(docs[i].CreatedAt))
	}
	return touch(t, caseID, latest)
}

const (
	sqlCaseStatus     = `SELECT status FROM cases WHERE id = ?`
	sqlDocumentTotals = `
		SELECT COALESCE(SUM(side = 'A'), 0), COALESCE(SUM(side = 'B'), 0), COALESCE(SUM(size), 0)
		FROM documents WHERE case_id = ?`
	sqlInsertDocument = `
		INSERT INTO documents (id, case_id, side, name, media_type, size, sha256, pages, chars, status, text_method, ocr_confidence, text, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlDocuments = `
		SELECT id, side, name, media_type, size, sha256, pages, chars, status, text_method, ocr_confidence, text, created_at
		FROM documents WHERE case_id = ? ORDER BY pos`
	sqlTouch = `UPDATE cases SET updated_at = MAX(updated_at, ?) WHERE id = ?`
)

func insertDocument(t *txn, caseID string, d *court.Document) error {
	_, err := t.exec(sqlInsertDocument,
		d.ID, caseID, d.Side, d.Name, d.MediaType, d.Size, d.SHA256, d.Pages, d.Chars, d.Status, d.Method(), d.OCRConfidence, d.Text, micros(d.CreatedAt))
	if err != nil {
		return dbError(err, "The document could not be saved.")
	}
	return nil
}

// readDocuments appends the case's documents to its sides in filing order.
func readDocuments(t *txn, c *court.Case) error {
	rows, err := t.query(sqlDocuments, c.ID)
	if err != nil {
		return dbError(err, "The case's documents could not be read.")
	}
	defer rows.Close()
	c.A.Documents, c.B.Documents = []court.Document{}, []court.Document{}
	for rows.Next() {
		var d court.Document
		var created int64
		if err := rows.Scan(&d.ID, &d.Side, &d.Name, &d.MediaType, &d.Size, &d.SHA256, &d.Pages, &d.Chars, &d.Status, &d.TextMethod, &d.OCRConfidence, &d.Text, &created); err != nil {
			return dbError(err, "The case's documents could not be read.")
		}
		d.CreatedAt = fromMicros(created)
		side := c.Side(d.Side)
		side.Documents = append(side.Documents, d)
	}
	if err := rows.Err(); err != nil {
		return dbError(err, "The case's documents could not be read.")
	}
	return nil
}

// touch moves the case's updated_at forward to at, never back: callers'
// clocks differ, and the newest change wins.
func touch(t *txn, caseID string, at int64) error {
	_, err := t.exec(sqlTouch, at, caseID)
	if err != nil {
		return dbError(err, "The case could not be updated.")
	}
	return nil
}
