package llm

import (
	"context"
	"sync"

	"golang.org/x/time/rate"
)

// RateWaiter paces calls to a provider: Wait blocks until a call under key
// may start, or returns an error when ctx ends (or would end) first, which
// Resilient reports as the cause of an OverBudget *Error. The in-process
// LocalRate limits one replica; a Redis-backed implementation can limit
// the whole fleet behind the same interface.
type RateWaiter interface {
	Wait(ctx context.Context, key string) error
}

// LocalRate allows perMinute calls a minute per key in this process.
type LocalRate struct {
	perMinute int
	mu        sync.Mutex
	limiters  map[string]*rate.Limiter
}

// NewLocalRate returns a limiter allowing perMinute calls a minute per key;
// zero or less means no limit.
func NewLocalRate(perMinute int) *LocalRate {
	return &LocalRate{perMinute: perMinute, limiters: map[string]*rate.Limiter{}}
}

// Wait implements RateWaiter. The burst is a tenth of a minute's allowance
// so that a quiet replica can absorb a short spike without exceeding the
// provider's per-minute quota.
func (l *LocalRate) Wait(ctx context.Context, key string) error {
	if l == nil || l.perMinute <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	lim, ok := l.limiters[key]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), max(1, l.perMinute/10))
		l.limiters[key] = lim
	}
	l.mu.Unlock()
	return lim.Wait(ctx)
}
