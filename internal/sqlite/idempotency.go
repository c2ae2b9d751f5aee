package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/aijudge/aijudge/internal/idempotency"
)

// The idempotency keys the web layer keeps for requests that file cases
// or call the judge; see package idempotency. Every step is one write
// transaction, so two attempts with one key never both win. Leases and
// expiry follow the store's clock.

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

// BeginIdempotent claims c.Key for c, or reports what became of an
// earlier attempt: its stored response, ErrKeyReused when the key was
// used for another request, or an in-flight error while another attempt
// holds the key. An expired key counts as unused; an attempt whose lease
// ran out is taken over.
func (s *Store) BeginIdempotent(ctx context.Context, c *idempotency.Claim) (*idempotency.Response, error) {
	var replay *idempotency.Response
	err := s.writeTx(ctx, func(t *txn) error {
		now := t.now()
		var (
			fingerprint          string
			lockedUntil, expires int64
			status               sql.NullInt64
			resp                 idempotency.Response
		)
		err := t.queryRow(sqlIdemGet, c.Key).Scan(&fingerprint, &lockedUntil, &status,
			&resp.ContentType, &resp.Location, &resp.Body, &expires)
		switch {
		case errors.Is(err, sql.ErrNoRows) || err == nil && expires <= micros(now):
			// Expired keys are deleted by Sweep; until then one is
			// reused in place.
			_, err := t.exec(sqlIdemClaim, c.Key, c.Fingerprint, c.Owner,
				micros(now.Add(c.Lease)), micros(now), micros(now.Add(c.TTL)))
			if err != nil {
				return dbError(err, "The request could not be recorded.")
			}
			return nil
		case err != nil:
			return dbError(err, "The request could not be recorded.")
		case fingerprint != c.Fingerprint:
			return idempotency.ErrKeyReused
		case status.Valid:
			resp.Status = int(status.Int64)
			replay = &resp
			return nil
		case lockedUntil > micros(now):
			return idempotency.InFlight(fromMicros(lockedUntil).Sub(now))
		}
		if _, err := t.exec(sqlIdemTakeOver, c.Owner, micros(now.Add(c.Lease)), c.Key); err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		return nil
	})
	return replay, err
}

// FinishIdempotent stores the response to c's attempt for its retries.
// It does nothing if the attempt no longer owns the key.
func (s *Store) FinishIdempotent(ctx context.Context, c *idempotency.Claim, resp *idempotency.Response) error {
	return s.writeTx(ctx, func(t *txn) error {
		_, err := finishKey(t, c, resp)
		return err
	})
}

// RecordOutcome stores resp as c's outcome with the transaction's writes.
// If c's attempt lost the key to a retry, it returns ErrTakenOver and
// the transaction does not commit: the retry is carrying the request out.
func (t *txn) RecordOutcome(c *idempotency.Claim, resp *idempotency.Response) (err error) {
	defer t.keep(&err)
	owned, err := finishKey(t, c, resp)
	if err == nil && !owned {
		return idempotency.ErrTakenOver
	}
	return err
}

// finishKey stores resp as the outcome of c's attempt in t and reports
// whether the attempt still owned the key.
func finishKey(t *txn, c *idempotency.Claim, resp *idempotency.Response) (bool, error) {
	body := resp.Body
	if body == nil {
		body = []byte{}
	}
	res, err := t.exec(sqlIdemFinish, resp.Status, resp.ContentType, resp.Location, body,
		micros(t.now()), c.Key, c.Owner)
	if err != nil {
		return false, dbError(err, "The response could not be recorded.")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, dbError(err, "The response could not be recorded.")
	}
	return n > 0, nil
}

// AbandonIdempotent releases c.Key after a failed attempt, so that a
// retry runs the request again. A key whose outcome was recorded, by
// FinishIdempotent or by the write itself (RecordOutcome), is kept: the
// "failure" was then a lost answer to a write that committed.
func (s *Store) AbandonIdempotent(ctx context.Context, c *idempotency.Claim) error {
	return s.writeTx(ctx, func(t *txn) error {
		if _, err := t.exec(sqlIdemAbandon, c.Key, c.Owner); err != nil {
			return dbError(err, "The request could not be released.")
		}
		return nil
	})
}
