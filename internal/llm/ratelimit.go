package llm

import (
	"context"
	"sync"
	"time"

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

// Pace turns a budget of perMinute calls into a burst and the interval
// between further calls such that no 60 seconds, wherever they start,
// hold more than perMinute calls: a provider's quota counts calls in any
// minute, and a bucket that starts full and refills at perMinute a minute
// would allow a full burst plus a minute's refill (nearly twice the
// budget) in the first minute. The burst is a tenth of the budget, so a
// quiet replica absorbs a short spike, and the rest is spread evenly.
// perMinute must be positive.
func Pace(perMinute int) (burst int, interval time.Duration) {
	burst = max(1, perMinute/10)
	if perMinute-burst < 1 {
		return 1, time.Minute / time.Duration(perMinute)
	}
	return burst, time.Minute / time.Duration(perMinute-burst)
}

// Wait implements RateWaiter, paced as Pace says.
func (l *LocalRate) Wait(ctx context.Context, key string) error {
	if l == nil || l.perMinute <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	lim, ok := l.limiters[key]
	if !ok {
		burst, every := Pace(l.perMinute)
		lim = rate.NewLimiter(rate.Every(every), burst)
		l.limiters[key] = lim
	}
	l.mu.Unlock()
	return lim.Wait(ctx)
}
