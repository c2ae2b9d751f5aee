package ratelimit

import (
	"context"
	"hash/maphash"
	"sync"
	"time"
)

// MemoryOptions configures an in-process limiter. The zero value is usable.
type MemoryOptions struct {
	// MaxKeys bounds the keys remembered, to bound memory under a flood of
	// client addresses; 1<<20 when zero. Beyond it, new keys displace
	// arbitrary old ones, which forgets their history (fails open for
	// them) rather than refusing everyone.
	MaxKeys int

	// SweepInterval is how often keys that have become idle are dropped;
	// 1 minute when zero.
	SweepInterval time.Duration

	// Now is the clock; time.Now when nil. Tests inject one.
	Now func() time.Time
}

const shardCount = 64 // a power of two, well above the cores that contend

// Memory is an in-process Limiter: a sharded map from key to GCRA state.
type Memory struct {
	shards  [shardCount]shard
	seed    maphash.Seed
	now     func() int64 // unix ns
	maxKeys int          // per shard
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
}

type shard struct {
	mu   sync.Mutex
	tat  map[string]int64
	peak int
	_    [40]byte // keeps neighbouring shards' locks off one cache line
}

// NewMemory returns an in-process limiter with a background sweeper that
// stops when ctx ends or Close is called.
func NewMemory(ctx context.Context, opts MemoryOptions) *Memory {
	if opts.MaxKeys <= 0 {
		opts.MaxKeys = 1 << 20
	}
	if opts.SweepInterval <= 0 {
		opts.SweepInterval = time.Minute
	}
	now := func() int64 { return opts.Now().UnixNano() }
	if opts.Now == nil {
		// Reading only the monotonic clock costs half of time.Now on this
		// path, and it does not jump when the wall clock is set.
		base := time.Now()
		baseNano := base.UnixNano()
		now = func() int64 { return baseNano + int64(time.Since(base)) }
	}
	m := &Memory{
		seed:    maphash.MakeSeed(),
		now:     now,
		maxKeys: max(opts.MaxKeys/shardCount, 1),
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	for i := range m.shards {
		m.shards[i].tat = make(map[string]int64)
	}
	go m.sweepLoop(ctx, opts.SweepInterval)
	return m
}

// Allow decides one request. It does not allocate for a key it already
// holds.
func (m *Memory) Allow(_ context.Context, key string, rule Rule) (Decision, error) {
	if !rule.valid() {
		return Decision{}, ErrInvalidRule
	}
	now := m.now()
	s := &m.shards[maphash.String(m.seed, key)&(shardCount-1)]
	s.mu.Lock()
	tat, ok := s.tat[key]
	d, newTAT := gcra(now, tat, rule)
	if d.Allowed {
		if !ok && len(s.tat) >= m.maxKeys {
			s.makeRoom()
		}
		s.tat[key] = newTAT
		s.peak = max(s.peak, len(s.tat))
	}
	s.mu.Unlock()
	return d, nil
}

// Reset forgets key.
func (m *Memory) Reset(_ context.Context, key string) error {
	s := &m.shards[maphash.String(m.seed, key)&(shardCount-1)]
	s.mu.Lock()
	delete(s.tat, key)
	s.mu.Unlock()
	return nil
}

// makeRoom evicts one key, looking at a few from a random place (Go's map
// iteration starts at one) and choosing the one closest to idle, whose
// history matters least. A full sweep here would make every new key cost
// O(keys) exactly when a flood of addresses arrives.
func (s *shard) makeRoom() {
	victim, oldest, seen := "", int64(0), 0
	for k, tat := range s.tat {
		if seen == 0 || tat < oldest {
			victim, oldest = k, tat
		}
		if seen++; seen == 8 {
			break
		}
	}
	delete(s.tat, victim)
}

// sweep drops keys whose state is in the past: forgetting them changes no
// decision.
func (s *shard) sweep(now int64) {
	for k, tat := range s.tat {
		if tat <= now {
			delete(s.tat, k)
		}
	}
	// A Go map never shrinks; after a flood has passed, copy the
	// survivors into a fresh one so the memory is returned.
	if s.peak > 1024 && len(s.tat) < s.peak/4 {
		fresh := make(map[string]int64, len(s.tat))
		for k, v := range s.tat {
			fresh[k] = v
		}
		s.tat = fresh
		s.peak = len(fresh)
	}
}

// Len returns how many keys are remembered.
func (m *Memory) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		n += len(s.tat)
		s.mu.Unlock()
	}
	return n
}

// Sweep drops idle keys now; the background sweeper calls it periodically.
func (m *Memory) Sweep() {
	now := m.now()
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		s.sweep(now)
		s.mu.Unlock()
	}
}

func (m *Memory) sweepLoop(ctx context.Context, every time.Duration) {
	defer close(m.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-m.stop:
			return
		case <-t.C:
			m.Sweep()
		}
	}
}

// Close stops the sweeper. The limiter keeps deciding afterwards.
func (m *Memory) Close() error {
	m.once.Do(func() { close(m.stop) })
	<-m.done
	return nil
}
