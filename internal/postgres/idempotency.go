package postgres

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

// The idempotency keys the web layer keeps for requests that file cases
// or call the judge; see package idempotency. The first attempt inserts
// the key's row; any other attempt, on any replica, finds the row and
// locks it with FOR UPDATE before deciding, so two attempts never both
// win. Leases and expiry follow the store's clock, passed as parameters.

const (
	sqlIdemInsert = `
		INSERT INTO idempotency_keys (key, fingerprint, owner, locked_until, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (key) DO NOTHING`
	sqlIdemLock = `
		SELECT fingerprint, status, content_type, location, body, expires_at, locked_until
		FROM idempotency_keys WHERE key = $1 FOR UPDATE`
	sqlIdemReclaim = `
		UPDATE idempotency_keys SET fingerprint = $2, owner = $3,
			locked_until = $4, status = NULL, content_type = '',
			location = '', body = NULL, created_at = $5, expires_at = $6
		WHERE key = $1`
	sqlIdemTakeOver = `UPDATE idempotency_keys SET owner = $2, locked_until = $3 WHERE key = $1`
	sqlIdemFinish   = `
		UPDATE idempotency_keys SET status = $3, content_type = $4, location = $5, body = $6, locked_until = $7
		WHERE key = $1 AND owner = $2 AND status IS NULL`
	sqlIdemAbandon = `DELETE FROM idempotency_keys WHERE key = $1 AND owner = $2 AND status IS NULL`
)

// BeginIdempotent claims c.Key for c, or reports what became of an
// earlier attempt: its stored response, ErrKeyReused when the key was
// used for another request, or an in-flight error while another attempt
// holds the key. An expired key counts as unused; an attempt whose lease
// ran out is taken over.
func (s *Store) BeginIdempotent(ctx context.Context, c *idempotency.Claim) (*idempotency.Response, error) {
	var replay *idempotency.Response
	err := s.inTx(ctx, func(t *txn) error {
		now := t.now()
		lease, expires := now.Add(c.Lease), now.Add(c.TTL)
		tag, err := t.tx.Exec(ctx, sqlIdemInsert, c.Key, c.Fingerprint, c.Owner, lease, now, expires)
		if err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
		var (
			fingerprint          string
			status               *int32
			resp                 idempotency.Response
			expiresAt, lockedTil time.Time
		)
		err = t.tx.QueryRow(ctx, sqlIdemLock, c.Key).Scan(&fingerprint, &status,
			&resp.ContentType, &resp.Location, &resp.Body, &expiresAt, &lockedTil)
		if errNoRows(err) {
			// Sweep deleted the expired row in between.
			return court.Errorf(court.EUnavailable, "The request could not be recorded; try again.")
		}
		if err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		switch remaining := lockedTil.Sub(now); {
		case !expiresAt.After(now):
			_, err = t.tx.Exec(ctx, sqlIdemReclaim, c.Key, c.Fingerprint, c.Owner, lease, now, expires)
		case fingerprint != c.Fingerprint:
			return idempotency.ErrKeyReused
		case status != nil:
			resp.Status = int(*status)
			replay = &resp
			return nil
		case remaining > 0:
			return idempotency.InFlight(remaining)
		default:
			_, err = t.tx.Exec(ctx, sqlIdemTakeOver, c.Key, c.Owner, lease)
		}
		if err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		return nil
	})
	return replay, err
}

// FinishIdempotent stores the response to c's attempt for its retries.
// It does nothing if the attempt no longer owns the key.
func (s *Store) FinishIdempotent(ctx context.Context, c *idempotency.Claim, resp *idempotency.Response) error {
	_, err := s.pool.Exec(ctx, sqlIdemFinish, c.Key, c.Owner, resp.Status, resp.ContentType, resp.Location,
		emptyIfNil(resp.Body), s.now())
	if err != nil {
		return dbError(err, "The response could not be recorded.")
	}
	return nil
}

// RecordOutcome stores resp as c's outcome with the transaction's writes.
// If c's attempt lost the key to a retry, it returns ErrTakenOver and
// the transaction does not commit: the retry is carrying the request out.
func (t *txn) RecordOutcome(c *idempotency.Claim, resp *idempotency.Response) (err error) {
	defer t.keep(&err)
	tag, err := t.tx.Exec(t.ctx, sqlIdemFinish, c.Key, c.Owner, resp.Status, resp.ContentType, resp.Location,
		emptyIfNil(resp.Body), t.now())
	if err != nil {
		return dbError(err, "The response could not be recorded.")
	}
	if tag.RowsAffected() == 0 {
		return idempotency.ErrTakenOver
	}
	return nil
}

// AbandonIdempotent releases c.Key after a failed attempt, so that a
// retry runs the request again. A key whose outcome was recorded, by
// FinishIdempotent or by the write itself (RecordOutcome), is kept: the
// "failure" was then a lost answer to a write that committed.
func (s *Store) AbandonIdempotent(ctx context.Context, c *idempotency.Claim) error {
	if _, err := s.pool.Exec(ctx, sqlIdemAbandon, c.Key, c.Owner); err != nil {
		return dbError(err, "The request could not be released.")
	}
	return nil
}
