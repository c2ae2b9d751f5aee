package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// The idempotency keys the web layer keeps for requests that file cases
// or call the judge; see court.IdempotentRequest. Every step is one write
// transaction, so two attempts with one key never both win.

const (
	sqlIdemGet = `
		SELECT fingerprint, locked_until, status, content_type, location, body, expires_at
		FROM idempotency_keys WHERE key = ?`
	sqlIdemClaim = `
		INSERT INTO idempotency_keys (key, fingerprint, owner, locked_until, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, owner = excluded.owner,
			locked_until = excluded.locked_until, status = NULL, content_type = '', location = '',
			body = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at`
	sqlIdemTakeOver = `UPDATE idempotency_keys SET owner = ?, locked_until = ? WHERE key = ?`
	sqlIdemFinish   = `
		UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ?, locked_until = ?
		WHERE key = ? AND owner = ? AND status IS NULL`
	sqlIdemAbandon = `DELETE FROM idempotency_keys WHERE key = ? AND owner = ? AND status IS NULL`
)

// BeginIdempotent claims r.Key for r, or reports what became of an
// earlier attempt: its stored response, ErrIdempotencyKeyReused when the
// key was used for another request, or an in-flight error while another
// attempt holds the key. An expired key counts as unused; an attempt
// whose lease ran out is taken over.
func (s *Store) BeginIdempotent(ctx context.Context, r *court.IdempotentRequest) (*court.IdempotentResponse, error) {
	var replay *court.IdempotentResponse
	err := s.writeTx(ctx, func(t txn) error {
		now := time.Now()
		var (
			fingerprint          string
			lockedUntil, expires int64
			status               sql.NullInt64
			resp                 court.IdempotentResponse
		)
		err := t.queryRow(sqlIdemGet, r.Key).Scan(&fingerprint, &lockedUntil, &status,
			&resp.ContentType, &resp.Location, &resp.Body, &expires)
		switch {
		case errors.Is(err, sql.ErrNoRows) || err == nil && expires <= micros(now):
			// Expired keys are deleted by Sweep; until then one is
			// reused in place.
			_, err := t.exec(sqlIdemClaim, r.Key, r.Fingerprint, r.Owner,
				micros(now.Add(r.Lease)), micros(now), micros(now.Add(r.TTL)))
			if err != nil {
				return dbError(err, "The request could not be recorded.")
			}
			return nil
		case err != nil:
			return dbError(err, "The request could not be recorded.")
		case fingerprint != r.Fingerprint:
			return court.ErrIdempotencyKeyReused
		case status.Valid:
			resp.Status = int(status.Int64)
			replay = &resp
			return nil
		case lockedUntil > micros(now):
			return court.IdempotencyInFlight(fromMicros(lockedUntil).Sub(now))
		}
		if _, err := t.exec(sqlIdemTakeOver, r.Owner, micros(now.Add(r.Lease)), r.Key); err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		return nil
	})
	return replay, err
}

// FinishIdempotent stores the response to r's attempt for its retries.
// It does nothing if the attempt no longer owns the key.
func (s *Store) FinishIdempotent(ctx context.Context, r *court.IdempotentRequest, resp *court.IdempotentResponse) error {
	return s.writeTx(ctx, func(t txn) error {
		_, err := finishKey(t, r, resp)
		return err
	})
}

// finishKey stores resp as the outcome of r's attempt in t and reports
// whether the attempt still owned the key.
func finishKey(t txn, r *court.IdempotentRequest, resp *court.IdempotentResponse) (bool, error) {
	body := resp.Body
	if body == nil {
		body = []byte{}
	}
	res, err := t.exec(sqlIdemFinish, resp.Status, resp.ContentType, resp.Location, body,
		micros(time.Now()), r.Key, r.Owner)
	if err != nil {
		return false, dbError(err, "The response could not be recorded.")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, dbError(err, "The response could not be recorded.")
	}
	return n > 0, nil
}

// AbandonIdempotent releases r.Key after a failed attempt, so that a
// retry runs the request again. A key whose outcome was recorded, by
// FinishIdempotent or by the write itself (finishInTx), is kept: the
// "failure" was then a lost answer to a write that committed.
func (s *Store) AbandonIdempotent(ctx context.Context, r *court.IdempotentRequest) error {
	return s.writeTx(ctx, func(t txn) error {
		if _, err := t.exec(sqlIdemAbandon, r.Key, r.Owner); err != nil {
			return dbError(err, "The request could not be released.")
		}
		return nil
	})
}

// finishInTx records, in the write transaction t, the outcome of the
// idempotent request ctx carries when writing written settles it (see
// court.IdempotentOutcome). If the request lost its key to a retry, the
// write is refused: the retry is carrying it out.
func finishInTx(ctx context.Context, t txn, written any) error {
	r, resp, err := court.IdempotentOutcome(ctx, written)
	if err != nil || r == nil {
		return err
	}
	owned, err := finishKey(t, r, resp)
	if err == nil && !owned {
		return court.ErrIdempotencyTakenOver
	}
	return err
}
