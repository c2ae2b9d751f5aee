package ratelimit

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// gcraScript is gcra in Lua, run atomically in Redis so that every replica
// shares one count. It reads Redis's clock, not the replicas', whose clocks
// may disagree. Times are in microseconds: Lua numbers are doubles, exact
// to 2^53, which microseconds since 1970 stay well below.
//
// KEYS[1] the key; ARGV[1] interval (µs); ARGV[2] limit.
// Returns {allowed, remaining, reset µs, retry after µs}.
var gcraScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = interval * tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - burst
if now < allow_at then
  return {0, 0, tat - now, allow_at - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000))
return {1, math.floor((now + burst - new_tat) / interval), new_tat - now, 0}
`)

// RedisOptions configures a Redis limiter. The zero value is usable.
type RedisOptions struct {
	// Prefix is put before every key; "aijudge:ratelimit:" when empty.
	Prefix string

	// Timeout bounds each Redis call, so a slow Redis delays a request by
	// at most this much before the fallback decides; 250 ms when zero.
	Timeout time.Duration

	// RetryInterval is how long to use the fallback alone after a Redis
	// failure before trying Redis again; 1 s when zero.
	RetryInterval time.Duration

	// Fallback decides while Redis is failing; an in-process Memory when
	// nil. It enforces the limit per replica, so the fleet as a whole then
	// allows up to replicas × Limit: degraded, but neither open nor closed.
	Fallback Limiter

	// Logger receives one line when Redis starts failing and one when it
	// recovers; slog.Default() when nil.
	Logger *slog.Logger
}

// Redis is a fleet-wide Limiter.
type Redis struct {
	rdb      redis.UniversalClient
	prefix   string
	timeout  time.Duration
	retry    time.Duration
	fallback Limiter
	ownsFB   *Memory
	log      *slog.Logger

	down      atomic.Bool
	nextProbe atomic.Int64 // unix ns after which one request tries Redis again
}

// NewRedis returns a limiter that keeps its state in rdb, which the caller
// owns (the cache may share it). ctx bounds the default fallback's
// sweeper.
func NewRedis(ctx context.Context, rdb redis.UniversalClient, opts RedisOptions) *Redis {
	if opts.Prefix == "" {
		opts.Prefix = "aijudge:ratelimit:"
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 250 * time.Millisecond
	}
	if opts.RetryInterval <= 0 {
		opts.RetryInterval = time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	r := &Redis{
		rdb:     rdb,
		prefix:  opts.Prefix,
		timeout: opts.Timeout,
		retry:   opts.RetryInterval,
		log:     opts.Logger.With("component", "ratelimit"),
	}
	r.fallback = opts.Fallback
	if r.fallback == nil {
		r.ownsFB = NewMemory(ctx, MemoryOptions{})
		r.fallback = r.ownsFB
	}
	return r
}

// Allow decides in Redis, or in the fallback while Redis fails. It returns
// an error only for an invalid rule: a Redis failure must not block
// traffic.
func (r *Redis) Allow(ctx context.Context, key string, rule Rule) (Decision, error) {
	if !rule.valid() || rule.Window/time.Duration(rule.Limit) < time.Microsecond {
		return Decision{}, ErrInvalidRule
	}
	if r.down.Load() && !r.probeTurn() {
		return r.fallback.Allow(ctx, key, rule)
	}
	d, err := r.allowRedis(ctx, key, rule)
	if err != nil {
		if ctx.Err() == nil && r.down.CompareAndSwap(false, true) {
			r.nextProbe.Store(time.Now().Add(r.retry).UnixNano())
			r.log.Warn("redis unavailable; rate limits enforced per replica until it returns", "err", err)
		}
		return r.fallback.Allow(ctx, key, rule)
	}
	if r.down.CompareAndSwap(true, false) {
		r.log.Info("redis available again; rate limits shared across replicas")
	}
	return d, nil
}

var errRedisDown = errors.New("ratelimit: redis unavailable; the key was reset on this replica only")

// Reset forgets key in Redis and in the fallback, which may have decided
// for it while Redis was failing. A Redis failure is returned: the key's
// history then stays until its window passes.
func (r *Redis) Reset(ctx context.Context, key string) error {
	r.fallback.Reset(ctx, key)
	if r.down.Load() {
		return errRedisDown
	}
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	return r.rdb.Del(ctx, r.prefix+key).Err()
}

// probeTurn lets one request per RetryInterval try Redis while it is down,
// so recovery needs no goroutine and costs at most one slow request.
func (r *Redis) probeTurn() bool {
	next := r.nextProbe.Load()
	now := time.Now().UnixNano()
	return now >= next && r.nextProbe.CompareAndSwap(next, now+int64(r.retry))
}

func (r *Redis) allowRedis(ctx context.Context, key string, rule Rule) (Decision, error) {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	interval := int64(rule.Window / time.Duration(rule.Limit) / time.Microsecond)
	res, err := gcraScript.Run(ctx, r.rdb, []string{r.prefix + key}, interval, rule.Limit).Int64Slice()
	if err != nil {
		return Decision{}, err
	}
	return Decision{
		Allowed:    res[0] == 1,
		Limit:      rule.Limit,
		Remaining:  int(res[1]),
		Reset:      time.Duration(res[2]) * time.Microsecond,
		RetryAfter: time.Duration(res[3]) * time.Microsecond,
		Window:     rule.Window,
	}, nil
}

// Healthy reports whether decisions are currently shared through Redis.
func (r *Redis) Healthy() bool { return !r.down.Load() }

// Close stops the default fallback's sweeper; the client is the caller's.
func (r *Redis) Close() error {
	if r.ownsFB != nil {
		return r.ownsFB.Close()
	}
	return nil
}
