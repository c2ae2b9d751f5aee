package storetest

import (
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// errOutage stands for a failure after a transaction's writes: the
// database went away, or a later step of the caller failed.
var errOutage = court.Errorf(court.EUnavailable, "The database is unavailable.")

// testInTxAllOrNothing: the writes of one InTx are stored together when
// fn returns nil, and none of them when it returns an error.
func testInTxAllOrNothing(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()

	c := newCase(ts)
	err := s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		if err := tx.AddJudgment(newJudgment(ts, c.ID, court.Tentative)); err != nil {
			return err
		}
		return errOutage
	})
	wantCode(t, err, court.EUnavailable, "InTx whose fn failed after its writes")
	_, err = s.Case(ctx(t), c.ID)
	wantCode(t, err, court.ENotFound, "Case of a filing rolled back")

	c = newCase(ts)
	j := newJudgment(ts, c.ID, court.Tentative)
	must(t, s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		return tx.AddJudgment(j)
	}))
	got := get(t, s, c.ID)
	if len(got.Judgments) != 1 || got.Judgments[0].ID != j.ID || got.Status != court.Judged {
		t.Fatalf("after one transaction of filing and judgment: status %s, judgments %+v", got.Status, got.Judgments)
	}

	// Writes to a stored case roll back as a whole too.
	d := court.Document{ID: court.NewID(), Side: court.SideA, Name: "late.txt", MediaType: "text/plain",
		Status: court.DocExtracted, Text: "late", CreatedAt: ts.next()}
	err = s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.AddDocuments(c.ID, []court.Document{d}, court.DocumentLimits{}); err != nil {
			return err
		}
		if err := tx.AddJudgment(newJudgment(ts, c.ID, court.Final)); err != nil {
			return err
		}
		return errOutage
	})
	wantCode(t, err, court.EUnavailable, "InTx whose fn failed after a document and the final verdict")
	if d := diff(got, get(t, s, c.ID)); d != "" {
		t.Fatalf("a rolled-back transaction changed the case (-want +got):\n%s", d)
	}
}

// testInTxFailedWrite: once a write of the transaction has failed, the
// transaction does not commit, even if fn ignores the error: a failed
// write may have stored part of its rows.
func testInTxFailedWrite(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	stored := fixture(t, s, ts, false)
	tests := []struct {
		name  string
		code  court.Code
		write func(tx court.Tx, c *court.Case) error
	}{
		{"refused by the rules", court.EConflict, func(tx court.Tx, c *court.Case) error {
			return tx.AddJudgment(newJudgment(ts, c.ID, court.Reconsidered))
		}},
		{"refused by the database", court.EConflict, func(tx court.Tx, c *court.Case) error {
			dup := newCase(ts)
			dup.ID = stored.ID
			return tx.CreateCase(dup)
		}},
	}
	for _, tt := range tests {
		c := newCase(ts)
		var writeErr error
		err := s.InTx(ctx(t), func(tx court.Tx) error {
			if err := tx.CreateCase(c); err != nil {
				return err
			}
			writeErr = tt.write(tx, c)
			return nil // the error is ignored
		})
		wantCode(t, writeErr, tt.code, tt.name)
		wantCode(t, err, tt.code, "InTx after a write "+tt.name)
		_, err = s.Case(ctx(t), c.ID)
		wantCode(t, err, court.ENotFound, "Case filed before a write "+tt.name)
	}
}
