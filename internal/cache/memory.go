package cache

import (
	"context"
	"math"
	"time"

	"github.com/maypok86/otter/v2"

	"github.com/aijudge/aijudge/internal/court"
)

var _ court.Cache = (*Memory)(nil)

// Layer and result names passed to OnLookup callbacks.
const (
	LayerMemory = "memory"
	LayerRedis  = "redis"

	ResultHit   = "hit"
	ResultMiss  = "miss"
	ResultError = "error" // Redis failed or was skipped because it is down
)

// MemoryOptions configures the in-process layer. The zero value is usable.
type MemoryOptions struct {
	// MaxBytes bounds the keys and values held, plus a fixed overhead per
	// entry; 64 MiB when zero.
	MaxBytes uint64

	// MaxEntries, when positive, also bounds the number of entries: each
	// entry then counts as at least MaxBytes/MaxEntries bytes, so that
	// no more than MaxEntries fit and no more than MaxBytes are held.
	MaxEntries int

	// TTL is how long an entry is kept after it was written; 5 minutes
	// when zero. It is also the bound on how long a replica can serve an
	// entry whose invalidation it missed.
	TTL time.Duration

	// OnLookup, when set, is called after every Get with LayerMemory and
	// ResultHit or ResultMiss, so metrics can count them. It runs on the
	// request's goroutine and must be cheap.
	OnLookup func(layer, result string)
}

// entryOverhead approximates what otter and Go spend per entry besides the
// key and value bytes, so that many tiny entries still count against
// MaxBytes.
const entryOverhead = 128

// Memory is a bounded in-process cache. Values returned by Get are shared
// with the cache and must not be modified.
type Memory struct {
	c        *otter.Cache[string, []byte]
	clock    *otter.CoarseClock
	max      uint64
	onLookup func(layer, result string)
}

// NewMemory returns an in-process cache. Call Close when done with it to
// stop its clock.
func NewMemory(opts MemoryOptions) *Memory {
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 64 << 20
	}
	if opts.TTL <= 0 {
		opts.TTL = 5 * time.Minute
	}
	// A coarse clock makes a read as cheap as reading a variable instead of
	// calling time.Now on the hottest path; being up to 100 ms late is
	// irrelevant for TTLs of seconds to minutes.
	res := min(100*time.Millisecond, max(opts.TTL/10, time.Millisecond))
	clock := otter.NewCoarseClock(res)
	m := &Memory{
		clock:    clock,
		max:      opts.MaxBytes,
		onLookup: opts.OnLookup,
	}
	weigher := weigh
	if opts.MaxEntries > 0 {
		least := uint32(min(opts.MaxBytes/uint64(opts.MaxEntries), math.MaxUint32))
		weigher = func(key string, value []byte) uint32 { return max(weigh(key, value), least) }
	}
	m.c = otter.Must(&otter.Options[string, []byte]{
		MaximumWeight:    opts.MaxBytes,
		Weigher:          weigher,
		ExpiryCalculator: otter.ExpiryWriting[string, []byte](opts.TTL),
		Clock:            clock,
	})
	return m
}

func weigh(key string, value []byte) uint32 {
	return uint32(min(uint64(len(key))+uint64(len(value))+entryOverhead, math.MaxUint32))
}

// Get returns the value for key. It does not allocate.
func (m *Memory) Get(_ context.Context, key string) ([]byte, bool) {
	v, ok := m.c.GetIfPresent(key)
	if m.onLookup != nil {
		if ok {
			m.onLookup(LayerMemory, ResultHit)
		} else {
			m.onLookup(LayerMemory, ResultMiss)
		}
	}
	return v, ok
}

// Set stores a copy of value, so the caller may reuse its buffer. A value
// larger than the whole cache is not stored: it would only evict everything
// else.
func (m *Memory) Set(_ context.Context, key string, value []byte) {
	if uint64(weigh(key, value)) > m.max {
		m.c.Invalidate(key)
		return
	}
	m.c.Set(key, append([]byte(nil), value...))
}

// Delete removes keys from this process only.
func (m *Memory) Delete(_ context.Context, keys ...string) {
	for _, k := range keys {
		m.c.Invalidate(k)
	}
}

// Clear removes every entry.
func (m *Memory) Clear() { m.c.InvalidateAll() }

// Len returns the approximate number of entries.
func (m *Memory) Len() int { return m.c.EstimatedSize() }

// Bytes returns the approximate weight held, as counted against MaxBytes.
func (m *Memory) Bytes() uint64 { return m.c.WeightedSize() }

// Close stops the cache's background goroutines. The cache keeps working
// afterwards, with a clock that no longer advances, so Close it last.
func (m *Memory) Close() error {
	m.c.StopAllGoroutines()
	m.clock.Stop()
	return nil
}
