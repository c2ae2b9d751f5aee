package ratelimit

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// ErrWaitExceedsDeadline is returned by Wait when the next allowed moment
// lies beyond ctx's deadline, so waiting would be pointless.
var ErrWaitExceedsDeadline = errors.New("ratelimit: wait would exceed the context deadline")

// Wait blocks until l allows key under rule, for callers that must act
// eventually rather than be refused, such as LLM provider calls shared
// across replicas under one requests-per-minute budget. It returns early
// with ctx's error, or with ErrWaitExceedsDeadline as soon as it knows the
// deadline cannot be met.
func Wait(ctx context.Context, l Limiter, key string, rule Rule) (Decision, error) {
	for {
		d, err := l.Allow(ctx, key, rule)
		if err != nil || d.Allowed {
			return d, err
		}
		// Replicas woken by the same RetryAfter would all retry at once
		// and all but one lose again; a little jitter spreads them.
		wait := d.RetryAfter + rand.N(d.RetryAfter/10+time.Millisecond)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d.RetryAfter {
			return d, ErrWaitExceedsDeadline
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return d, ctx.Err()
		case <-t.C:
		}
	}
}
