package postgres

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// sweepBatch bounds the rows one sweeping statement deletes, so that a
// large backlog is cleared in short transactions that hold few locks.
const sweepBatch = 1000

// Rows past their expiry: sessions and invitations cannot be used any
// more (an accepted or revoked invitation is listed to the case's owners
// until then), and an Idempotency-Key is new again. SKIP LOCKED lets
// replicas sweeping at once split the work instead of queueing, and skips
// a key that BeginIdempotent is reclaiming.
const (
	sqlSweepSessions = `
		DELETE FROM sessions WHERE id IN
			(SELECT id FROM sessions WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`
	sqlSweepInvites = `
		DELETE FROM invites WHERE id IN
			(SELECT id FROM invites WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`
	sqlIdemPurge = `
		DELETE FROM idempotency_keys WHERE key IN
			(SELECT key FROM idempotency_keys WHERE expires_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`
)

// Sweep deletes the sessions, invitations and idempotency keys that
// expired before now, sweepBatch rows per statement, each statement its
// own transaction.
func (s *Store) Sweep(ctx context.Context, now time.Time) (court.Swept, error) {
	var out court.Swept
	for _, step := range []struct {
		query string
		n     *int
	}{
		{sqlSweepSessions, &out.Sessions},
		{sqlSweepInvites, &out.Invites},
		{sqlIdemPurge, &out.IdempotencyKeys},
	} {
		for {
			tag, err := s.pool.Exec(ctx, step.query, now, sweepBatch)
			if err != nil {
				return out, dbError(err, "Expired records could not be deleted.")
			}
			*step.n += int(tag.RowsAffected())
			if tag.RowsAffected() < sweepBatch {
				break
			}
		}
	}
	return out, nil
}
