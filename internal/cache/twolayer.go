package cache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/aijudge/aijudge/internal/court"
)

var _ court.Cache = (*TwoLayer)(nil)

// RedisOptions configures a TwoLayer. The zero value is usable.
type RedisOptions struct {
	// Memory configures the in-process layer; its TTL defaults to 5
	// minutes. Memory.OnLookup is ignored: set OnLookup below.
	Memory MemoryOptions

	// TTL of entries in Redis; 1 hour when zero.
	TTL time.Duration

	// Prefix is put before every key in Redis, so the cache can share a
	// Redis with other uses; "aijudge:cache:" when empty.
	Prefix string

	// Channel carries invalidations between replicas; "aijudge:invalidate"
	// when empty. Every replica of one deployment must use the same one.
	Channel string

	// Client options for NewRedis (password, timeouts).
	Client ClientOptions

	// ProbeInterval is how often a down Redis is probed and a broken
	// subscription retried, and how often an idle subscription is pinged;
	// 1 s when zero.
	ProbeInterval time.Duration

	// MaxPendingDeletes bounds the keys deleted while Redis was down that
	// are replayed when it returns; 10000 when zero.
	MaxPendingDeletes int

	// Logger receives one line per state change of Redis (down, up, lost
	// subscription); slog.Default() when nil.
	Logger *slog.Logger

	// OnLookup, when set, is called for each layer a Get consults:
	// (LayerMemory, ResultHit|ResultMiss), then on a memory miss
	// (LayerRedis, ResultHit|ResultMiss|ResultError).
	OnLookup func(layer, result string)
}

// TwoLayer is a court.Cache with an in-process layer in front of Redis,
// kept coherent across replicas by pub/sub. See the package documentation
// for its staleness guarantees. Values returned by Get are shared and must
// not be modified.
type TwoLayer struct {
	mem      *Memory
	rdb      redis.UniversalClient
	ownsRDB  bool
	ttl      time.Duration
	prefix   string
	channel  string
	probe    time.Duration
	log      *slog.Logger
	onLookup func(layer, result string)

	// down is set while Redis is failing; Get and Set then skip it instead
	// of waiting for a timeout on every request, and a prober brings it
	// back.
	down       atomic.Bool
	lastErr    atomic.Pointer[string]
	subscribed atomic.Bool

	// epoch changes on every invalidation; a Get that read Redis fills the
	// memory layer only if no invalidation happened meanwhile, otherwise
	// it could put back a value that a concurrent Delete just removed.
	// (A window of a few instructions between the check and the fill
	// remains; the memory TTL bounds it.)
	epoch atomic.Uint64

	pendingMu  sync.Mutex
	pending    map[string]struct{}
	maxPending int
	overflowed bool

	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewRedis connects to the Redis at rawURL (see the package documentation
// for the accepted forms) and returns a two-layer cache that owns the
// client. An unreachable Redis is not an error: the cache serves from
// memory until Redis answers. Only a malformed URL is.
func NewRedis(ctx context.Context, rawURL string, opts RedisOptions) (*TwoLayer, error) {
	rdb, err := NewRedisClient(rawURL, opts.Client)
	if err != nil {
		return nil, err
	}
	c := NewTwoLayer(ctx, rdb, opts)
	c.ownsRDB = true
	return c, nil
}

// NewTwoLayer returns a two-layer cache over an existing client, which the
// caller keeps ownership of (it may share it with a rate limiter).
// Background work stops when ctx ends or Close is called.
func NewTwoLayer(ctx context.Context, rdb redis.UniversalClient, opts RedisOptions) *TwoLayer {
	if opts.TTL <= 0 {
		opts.TTL = time.Hour
	}
	if opts.Prefix == "" {
		opts.Prefix = "aijudge:cache:"
	}
	if opts.Channel == "" {
		opts.Channel = "aijudge:invalidate"
	}
	if opts.ProbeInterval <= 0 {
		opts.ProbeInterval = time.Second
	}
	if opts.MaxPendingDeletes <= 0 {
		opts.MaxPendingDeletes = 10000
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	memOpts := opts.Memory
	memOpts.OnLookup = nil
	c := &TwoLayer{
		mem:        NewMemory(memOpts),
		rdb:        rdb,
		ttl:        opts.TTL,
		prefix:     opts.Prefix,
		channel:    opts.Channel,
		probe:      opts.ProbeInterval,
		log:        opts.Logger.With("component", "cache"),
		onLookup:   opts.OnLookup,
		pending:    make(map[string]struct{}),
		maxPending: opts.MaxPendingDeletes,
	}
	ctx, c.cancel = context.WithCancel(ctx)
	c.wg.Add(2)
	go c.subscribeLoop(ctx)
	go c.probeLoop(ctx)
	return c
}

// Get looks in memory, then in Redis; a Redis hit is copied into memory.
// A Redis failure counts as a miss.
func (c *TwoLayer) Get(ctx context.Context, key string) ([]byte, bool) {
	if v, ok := c.mem.c.GetIfPresent(key); ok {
		c.lookup(LayerMemory, ResultHit)
		return v, true
	}
	c.lookup(LayerMemory, ResultMiss)
	if c.down.Load() {
		c.lookup(LayerRedis, ResultError)
		return nil, false
	}
	epoch := c.epoch.Load()
	v, err := c.rdb.Get(ctx, c.prefix+key).Bytes()
	switch {
	case err == nil:
		c.lookup(LayerRedis, ResultHit)
		if c.epoch.Load() == epoch {
			c.mem.Set(ctx, key, v)
		}
		return v, true
	case errors.Is(err, redis.Nil):
		c.lookup(LayerRedis, ResultMiss)
	default:
		c.lookup(LayerRedis, ResultError)
		c.failed(ctx, err)
	}
	return nil, false
}

// Set writes both layers; a Redis failure leaves the value in memory only.
func (c *TwoLayer) Set(ctx context.Context, key string, value []byte) {
	c.mem.Set(ctx, key, value)
	if c.down.Load() {
		return
	}
	if err := c.rdb.Set(ctx, c.prefix+key, value, c.ttl).Err(); err != nil {
		c.failed(ctx, err)
	}
}

// Delete removes keys from memory and Redis and tells every replica to
// drop them. While Redis is down the keys are kept and the deletion is
// replayed when it returns, so Redis does not serve them for the rest of
// their hour.
func (c *TwoLayer) Delete(ctx context.Context, keys ...string) {
	if len(keys) == 0 {
		return
	}
	c.epoch.Add(1)
	c.mem.Delete(ctx, keys...)
	if c.down.Load() {
		c.addPending(keys)
		return
	}
	if err := c.deleteRemote(ctx, keys); err != nil {
		c.addPending(keys)
		c.failed(ctx, err)
	}
}

// deleteRemote deletes and publishes in one round trip. Each key gets its
// own DEL because a multi-key DEL fails across Cluster slots.
func (c *TwoLayer) deleteRemote(ctx context.Context, keys []string) error {
	msg, err := encodeKeys(keys)
	if err != nil {
		return err
	}
	_, err = c.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range keys {
			p.Del(ctx, c.prefix+k)
		}
		p.Publish(ctx, c.channel, msg)
		return nil
	})
	return err
}

// Status reports whether Redis answers and the invalidation subscription
// is live, for /readyz. A down Redis degrades the cache but does not make
// the replica unready; callers decide.
func (c *TwoLayer) Status() (up bool, detail string) {
	switch {
	case c.down.Load():
		msg := "unreachable"
		if p := c.lastErr.Load(); p != nil {
			msg = *p
		}
		return false, "redis down, serving from memory: " + msg
	case !c.subscribed.Load():
		return false, "redis up, invalidation subscription not established"
	}
	return true, "redis up, subscribed to " + c.channel
}

// Memory returns the in-process layer, for tests and diagnostics.
func (c *TwoLayer) Memory() *Memory { return c.mem }

// Close stops the background work and closes the client if NewRedis made
// it.
func (c *TwoLayer) Close() error {
	c.cancel()
	c.wg.Wait()
	c.mem.Close()
	if c.ownsRDB {
		return c.rdb.Close()
	}
	return nil
}

func (c *TwoLayer) lookup(layer, result string) {
	if c.onLookup != nil {
		c.onLookup(layer, result)
	}
}

// failed marks Redis down after an error that is not the caller's own
// cancellation, logging only the transition.
func (c *TwoLayer) failed(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	msg := err.Error()
	c.lastErr.Store(&msg)
	if c.down.CompareAndSwap(false, true) {
		c.log.Warn("redis unavailable; cache serving from memory only", "err", err)
	}
}

// probeLoop brings Redis back once it answers PING again, replaying the
// deletes it missed first so that no replica reads them back from Redis.
// It also replays deletes that raced with the last recovery.
func (c *TwoLayer) probeLoop(ctx context.Context) {
	defer c.wg.Done()
	t := time.NewTicker(c.probe)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if !c.down.Load() {
			if c.hasPending() {
				pctx, cancel := context.WithTimeout(ctx, c.probe)
				if err := c.replayPending(pctx); err != nil {
					c.failed(ctx, err)
				}
				cancel()
			}
			continue
		}
		pctx, cancel := context.WithTimeout(ctx, c.probe)
		err := c.rdb.Ping(pctx).Err()
		if err == nil {
			err = c.replayPending(pctx)
		}
		cancel()
		if err != nil {
			msg := err.Error()
			c.lastErr.Store(&msg)
			continue
		}
		if c.down.CompareAndSwap(true, false) {
			c.log.Info("redis available again; cache using both layers")
		}
	}
}

func (c *TwoLayer) addPending(keys []string) {
	c.pendingMu.Lock()
	defer c.pendingMu.Unlock()
	for _, k := range keys {
		if len(c.pending) >= c.maxPending {
			if !c.overflowed {
				c.overflowed = true
				c.log.Error("too many deletes while redis is down; some may be served stale from redis until their TTL",
					"max_pending", c.maxPending, "redis_ttl", c.ttl)
			}
			return
		}
		c.pending[k] = struct{}{}
	}
}

func (c *TwoLayer) hasPending() bool {
	c.pendingMu.Lock()
	defer c.pendingMu.Unlock()
	return len(c.pending) > 0
}

func (c *TwoLayer) replayPending(ctx context.Context) error {
	c.pendingMu.Lock()
	keys := make([]string, 0, len(c.pending))
	for k := range c.pending {
		keys = append(keys, k)
	}
	c.pendingMu.Unlock()
	for len(keys) > 0 {
		n := min(len(keys), 500)
		if err := c.deleteRemote(ctx, keys[:n]); err != nil {
			return fmt.Errorf("replaying deletes: %w", err)
		}
		c.pendingMu.Lock()
		for _, k := range keys[:n] {
			delete(c.pending, k)
		}
		c.pendingMu.Unlock()
		keys = keys[n:]
	}
	c.pendingMu.Lock()
	c.overflowed = false
	c.pendingMu.Unlock()
	return nil
}
