package cache_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/aijudge/aijudge/internal/cache"
)

// BenchmarkCachedView measures one Get of a 4 KB encoded view (about the
// size of a judgment) per layer: a hit in the in-process layer, and a hit
// in Redis when the in-process layer holds nothing (1 byte), which is
// what a replica pays the first time it serves a case another replica
// cached. docs/CAPACITY.md reports the numbers.
func BenchmarkCachedView(b *testing.B) {
	view := bytes.Repeat([]byte("x"), 4<<10)
	ctx := context.Background()
	b.Run("memory", func(b *testing.B) {
		m := cache.NewMemory(cache.MemoryOptions{})
		defer m.Close()
		m.Set(ctx, "case:1", view)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, ok := m.Get(ctx, "case:1"); !ok {
					b.Fatal("miss")
				}
			}
		})
	})
	for _, layer := range []struct {
		name string
		max  uint64
	}{{"twolayer-memory-hit", 0}, {"twolayer-redis-hit", 1}} {
		b.Run(layer.name, func(b *testing.B) {
			u := redisURL(b)
			prefix, channel := namespace()
			c, err := cache.NewRedis(ctx, u, cache.RedisOptions{Prefix: prefix, Channel: channel,
				Memory: cache.MemoryOptions{MaxBytes: layer.max}, Logger: (&logBuffer{}).logger()})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			c.Set(ctx, "case:1", view)
			defer c.Delete(ctx, "case:1")
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, ok := c.Get(ctx, "case:1"); !ok {
						b.Fatal("miss")
					}
				}
			})
		})
	}
}
