package telemetry

import (
	"sync"
	"sync/atomic"
)

// family caches the label children of one metric vector by a small
// comparable key. Reads are an atomic load and a map lookup, with no
// lock and no allocation: the map is replaced, never changed, when a new
// child appears, which happens a bounded number of times per process.
// sync.Map would box the struct key into an interface on every lookup.
//
// Past limit distinct keys, new keys share the child of overflow, so a
// caller that passes something unbounded (a raw path, a model name echoed
// by a provider) costs one series, not one per value.
type family[K comparable, V any] struct {
	m        atomic.Pointer[map[K]V]
	mu       sync.Mutex
	limit    int
	overflow K
	newChild func(K) V
}

func newFamily[K comparable, V any](limit int, overflow K, newChild func(K) V) *family[K, V] {
	f := &family[K, V]{limit: limit, overflow: overflow, newChild: newChild}
	m := map[K]V{}
	f.m.Store(&m)
	return f
}

func (f *family[K, V]) get(k K) V {
	if v, ok := (*f.m.Load())[k]; ok {
		return v
	}
	return f.slow(k)
}

func (f *family[K, V]) slow(k K) V {
	f.mu.Lock()
	defer f.mu.Unlock()
	old := *f.m.Load()
	if v, ok := old[k]; ok {
		return v
	}
	if len(old) >= f.limit {
		k = f.overflow
		if v, ok := old[k]; ok {
			return v
		}
	}
	v := f.newChild(k)
	next := make(map[K]V, len(old)+1)
	for ok, ov := range old {
		next[ok] = ov
	}
	next[k] = v
	f.m.Store(&next)
	return v
}
