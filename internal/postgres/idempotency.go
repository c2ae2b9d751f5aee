package postgres

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The idempotency keys the web layer keeps for requests that file cases
// or call the judge; see court.IdempotentRequest. The first attempt
// inserts the key's row; any other attempt, on any replica, finds the row
// and locks it with FOR UPDATE before deciding, so two attempts never
// both win. Leases and expiry use the database's clock.

const (
	// $4 lease and $5 ttl in microseconds.
	sqlIdemInsert = `
		INSERT INTO idempotency_keys (key, fingerprint, owner, locked_until, expires_at)
		VALUES ($1, $2, $3, now() + $4 * interval '1 microsecond', now() + $5 * interval '1 microsecond')
		ON CONFLICT (key) DO NOTHING`
	sqlIdemLock = `
		SELECT fingerprint, status, content_type, location, body,
			expires_at <= now(), GREATEST(locked_until - now(), interval '0')
		FROM idempotency_keys WHERE key = $1 FOR UPDATE`
	sqlIdemReclaim = `
		UPDATE idempotency_keys SET fingerprint = $2, owner = $3,
			locked_until = now() + $4 * interval '1 microsecond', status = NULL, content_type = '',
			location = '', body = NULL, created_at = now(), expires_at = now() + $5 * interval '1 microsecond'
		WHERE key = $1`
	sqlIdemTakeOver = `
		UPDATE idempotency_keys SET owner = $2, locked_until = now() + $3 * interval '1 microsecond'
		WHERE key = $1`
	sqlIdemFinish = `
		UPDATE idempotency_keys SET status = $3, content_type = $4, location = $5, body = $6, locked_until = now()
		WHERE key = $1 AND owner = $2 AND status IS NULL`
	sqlIdemAbandon = `DELETE FROM idempotency_keys WHERE key = $1 AND owner = $2 AND status IS NULL`
)

// BeginIdempotent claims r.Key for r, or reports what became of an
// earlier attempt: its stored response, ErrIdempotencyKeyReused when the
// key was used for another request, or an in-flight error while another
// attempt holds the key. An expired key counts as unused; an attempt
// whose lease ran out is taken over.
func (s *Store) BeginIdempotent(ctx context.Context, r *court.IdempotentRequest) (*court.IdempotentResponse, error) {
	lease, ttl := r.Lease.Microseconds(), r.TTL.Microseconds()
	var replay *court.IdempotentResponse
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, sqlIdemInsert, r.Key, r.Fingerprint, r.Owner, lease, ttl)
		if err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		if tag.RowsAffected() == 1 {
			return nil
		}
		var (
			fingerprint string
			status      *int32
			resp        court.IdempotentResponse
			expired     bool
			remaining   time.Duration
		)
		err = tx.QueryRow(ctx, sqlIdemLock, r.Key).Scan(&fingerprint, &status,
			&resp.ContentType, &resp.Location, &resp.Body, &expired, &remaining)
		if errNoRows(err) {
			// Sweep deleted the expired row in between.
			return court.Errorf(court.EUnavailable, "The request could not be recorded; try again.")
		}
		if err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		switch {
		case expired:
			_, err = tx.Exec(ctx, sqlIdemReclaim, r.Key, r.Fingerprint, r.Owner, lease, ttl)
		case fingerprint != r.Fingerprint:
			return court.ErrIdempotencyKeyReused
		case status != nil:
			resp.Status = int(*status)
			replay = &resp
			return nil
		case remaining > 0:
			return court.IdempotencyInFlight(remaining)
		default:
			_, err = tx.Exec(ctx, sqlIdemTakeOver, r.Key, r.Owner, lease)
		}
		if err != nil {
			return dbError(err, "The request could not be recorded.")
		}
		return nil
	})
	return replay, err
}

// FinishIdempotent stores the response to r's attempt for its retries.
// It does nothing if the attempt no longer owns the key.
func (s *Store) FinishIdempotent(ctx context.Context, r *court.IdempotentRequest, resp *court.IdempotentResponse) error {
	body := resp.Body
	if body == nil {
		body = []byte{}
	}
	_, err := s.pool.Exec(ctx, sqlIdemFinish, r.Key, r.Owner, resp.Status, resp.ContentType, resp.Location, body)
	if err != nil {
		return dbError(err, "The response could not be recorded.")
	}
	return nil
}

// AbandonIdempotent releases r.Key after a failed attempt, so that a
// retry runs the request again. A key whose outcome was recorded, by
// FinishIdempotent or by the write itself (queueFinish), is kept: the
// "failure" was then a lost answer to a write that committed.
func (s *Store) AbandonIdempotent(ctx context.Context, r *court.IdempotentRequest) error {
	if _, err := s.pool.Exec(ctx, sqlIdemAbandon, r.Key, r.Owner); err != nil {
		return dbError(err, "The request could not be released.")
	}
	return nil
}

// queueFinish adds to b, a batch sent in a write transaction, the
// recording of the outcome of the idempotent request ctx carries when
// writing written settles it (see court.IdempotentOutcome). If the
// request lost its key to a retry, the batch fails and with it the write:
// the retry is carrying it out.
func queueFinish(ctx context.Context, b *pgx.Batch, written any) error {
	r, resp, err := court.IdempotentOutcome(ctx, written)
	if err != nil || r == nil {
		return err
	}
	body := resp.Body
	if body == nil {
		body = []byte{}
	}
	b.Queue(sqlIdemFinish, r.Key, r.Owner, resp.Status, resp.ContentType, resp.Location, body).
		Exec(func(tag pgconn.CommandTag) error {
			if tag.RowsAffected() == 0 {
				return court.ErrIdempotencyTakenOver
			}
			return nil
		})
	return nil
}
