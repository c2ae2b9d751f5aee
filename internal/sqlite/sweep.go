package sqlite

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// sweepBatch bounds the rows one sweeping transaction deletes, so that a
// large backlog is cleared in short transactions between which requests
// get the writer.
const sweepBatch = 500

// Rows past their expiry: sessions and invitations cannot be used any
// more (an accepted or revoked invitation is listed to the case's owners
// until then), and an Idempotency-Key is new again.
const (
	sqlSweepSessions = `DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires_at < ? LIMIT ?)`
	sqlSweepInvites  = `DELETE FROM invites WHERE rowid IN (SELECT rowid FROM invites WHERE expires_at < ? LIMIT ?)`
	sqlIdemPurge     = `DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE expires_at < ? LIMIT ?)`
)

// Sweep deletes the sessions, invitations and idempotency keys that
// expired before now, sweepBatch rows per transaction.
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
			var n int64
			err := s.writeTx(ctx, func(t *txn) error {
				res, err := t.exec(step.query, micros(now), sweepBatch)
				if err == nil {
					n, err = res.RowsAffected()
				}
				if err != nil {
					return dbError(err, "Expired records could not be deleted.")
				}
				return nil
			})
			if err != nil {
				return out, err
			}
			*step.n += int(n)
			if n < sweepBatch {
				break
			}
		}
	}
	return out, nil
}
