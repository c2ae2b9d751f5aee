package cache_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/cache"
)

func TestMemorySetGetDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := cache.NewMemory(cache.MemoryOptions{})
	defer m.Close()

	buf := []byte("verdict")
	m.Set(ctx, "k", buf)
	buf[0] = 'X' // the cache must have kept its own copy
	if v, ok := m.Get(ctx, "k"); !ok || string(v) != "verdict" {
		t.Fatalf("Get = %q, %v; want verdict, true", v, ok)
	}
	m.Delete(ctx, "k", "absent")
	if _, ok := m.Get(ctx, "k"); ok {
		t.Fatal("Get after Delete found the key")
	}
}

func TestMemoryTTL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := cache.NewMemory(cache.MemoryOptions{TTL: 50 * time.Millisecond})
	defer m.Close()
	m.Set(ctx, "k", []byte("v"))
	if _, ok := m.Get(ctx, "k"); !ok {
		t.Fatal("fresh entry missing")
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		if _, ok := m.Get(ctx, "k"); !ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("entry outlived its TTL by more than 2s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMemoryBoundedByBytes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const maxBytes = 64 << 10
	m := cache.NewMemory(cache.MemoryOptions{MaxBytes: maxBytes})
	defer m.Close()
	value := bytes.Repeat([]byte("x"), 1000)
	for i := range 1000 {
		m.Set(ctx, fmt.Sprint("key", i), value)
	}
	// Eviction runs asynchronously right after writes; give it a moment.
	deadline := time.Now().Add(2 * time.Second)
	for m.Bytes() > maxBytes || m.Len() > maxBytes/1000 {
		if time.Now().After(deadline) {
			t.Fatalf("Bytes() = %d, want <= %d; Len() = %d", m.Bytes(), maxBytes, m.Len())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if m.Len() == 0 {
		t.Error("eviction emptied the cache")
	}

	m.Set(ctx, "huge", make([]byte, 2*maxBytes))
	if _, ok := m.Get(ctx, "huge"); ok {
		t.Error("a value larger than the cache was stored")
	}
}

// TestMemoryBoundedByEntries: with MaxEntries, small entries are capped by
// their number, large ones still by bytes.
func TestMemoryBoundedByEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const maxBytes, maxEntries = 64 << 10, 10
	m := cache.NewMemory(cache.MemoryOptions{MaxBytes: maxBytes, MaxEntries: maxEntries})
	defer m.Close()
	for i := range 100 {
		m.Set(ctx, fmt.Sprint("key", i), []byte("small"))
	}
	deadline := time.Now().Add(2 * time.Second)
	for m.Len() > maxEntries {
		if time.Now().After(deadline) {
			t.Fatalf("Len() = %d, want <= %d", m.Len(), maxEntries)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if m.Len() == 0 {
		t.Error("eviction emptied the cache")
	}
	big := bytes.Repeat([]byte("x"), maxBytes/4)
	for i := range 10 {
		m.Set(ctx, fmt.Sprint("big", i), big)
	}
	// Ten entries of a quarter of the budget cannot all stay: bytes bound
	// them. Which of the small and the big survive is the admission
	// policy's choice (three big and seven small fit both bounds).
	for m.Bytes() > maxBytes || m.Len() > maxEntries {
		if time.Now().After(deadline.Add(2 * time.Second)) {
			t.Fatalf("Bytes() = %d, Len() = %d: want at most %d bytes and %d entries", m.Bytes(), m.Len(), maxBytes, maxEntries)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestMemoryOnLookup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	counts := map[string]int{}
	m := cache.NewMemory(cache.MemoryOptions{OnLookup: func(layer, result string) { counts[layer+"/"+result]++ }})
	defer m.Close()
	m.Set(ctx, "k", []byte("v"))
	m.Get(ctx, "k")
	m.Get(ctx, "k")
	m.Get(ctx, "nope")
	if counts["memory/hit"] != 2 || counts["memory/miss"] != 1 {
		t.Errorf("counts = %v", counts)
	}
}

func BenchmarkMemoryGetHit(b *testing.B) {
	ctx := context.Background()
	m := cache.NewMemory(cache.MemoryOptions{})
	defer m.Close()
	keys := make([]string, 1024)
	for i := range keys {
		keys[i] = fmt.Sprintf("judgment:%064d", i)
		m.Set(ctx, keys[i], bytes.Repeat([]byte("j"), 2048))
	}
	b.ReportAllocs()
	b.Run("serial", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, ok := m.Get(ctx, keys[i&1023]); !ok {
				b.Fatal("miss")
			}
			i++
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				if _, ok := m.Get(ctx, keys[i&1023]); !ok {
					b.Fatal("miss")
				}
				i++
			}
		})
	})
}
