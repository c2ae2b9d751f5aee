package main

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// sweepEvery is how often, on average, each replica deletes what has
// expired. Nothing reads an expired row, so the only cost of waiting is
// disk; a few minutes keeps each sweep small.
const sweepEvery = 5 * time.Minute

// sweeper is a store that deletes its expired sessions, invitations and
// idempotency keys; both stores are.
type sweeper interface {
	Sweep(ctx context.Context, now time.Time) (court.Swept, error)
}

// startJanitor sweeps s every so often until ctx ends or stop is called;
// stop waits for a sweep in progress. The waits are jittered (half to one
// and a half times every) so that replicas started together do not sweep
// together; if they do, no harm is done: a row is deleted once, and
// PostgreSQL's batches skip rows another replica is deleting.
func startJanitor(ctx context.Context, s sweeper, every time.Duration, log *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			wait := every/2 + rand.N(every)
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			swept, err := s.Sweep(ctx, time.Now())
			switch {
			case err != nil && ctx.Err() == nil:
				log.Warn("sweeping expired records failed; retrying at the next sweep", "err", err,
					"sessions", swept.Sessions, "invites", swept.Invites, "idempotency_keys", swept.IdempotencyKeys)
			case swept.Total() > 0:
				log.Info("swept expired records",
					"sessions", swept.Sessions, "invites", swept.Invites, "idempotency_keys", swept.IdempotencyKeys)
			}
		}
	})
	return func() {
		cancel()
		wg.Wait()
	}
}
