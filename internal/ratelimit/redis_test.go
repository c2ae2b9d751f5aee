package ratelimit_test

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/testenv"
)

func redisClient(t testing.TB) redis.UniversalClient { return testenv.Redis(t) }

func prefix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "aijudge-test:rl:" + hex.EncodeToString(b) + ":"
}

func TestRedisConcurrent(t *testing.T) {
	t.Parallel()
	rdb := redisClient(t)
	// 1000 requests at once queue for the client's 20 connections; a
	// generous timeout keeps the fallback out of a test of atomicity.
	l := ratelimit.NewRedis(t.Context(), rdb, ratelimit.RedisOptions{Prefix: prefix(), Timeout: 10 * time.Second})
	defer l.Close()
	exactlyLimit(t, []ratelimit.Limiter{l}, "ip:203.0.113.7")
}

func TestRedisReplicasShareTheLimit(t *testing.T) {
	t.Parallel()
	p := prefix()
	// Two limiters on two clients, as on two replicas.
	opts := ratelimit.RedisOptions{Prefix: p, Timeout: 10 * time.Second}
	a := ratelimit.NewRedis(t.Context(), redisClient(t), opts)
	b := ratelimit.NewRedis(t.Context(), redisClient(t), opts)
	defer a.Close()
	defer b.Close()
	exactlyLimit(t, []ratelimit.Limiter{a, b}, "user:42")

	rule := ratelimit.Rule{Limit: 4, Window: time.Hour}
	for i, l := range []ratelimit.Limiter{a, b, a, b} {
		d, err := l.Allow(t.Context(), "shared", rule)
		if err != nil || !d.Allowed || d.Remaining != 3-i {
			t.Fatalf("request %d: %+v, %v; want allowed with %d remaining", i, d, err, 3-i)
		}
	}
	d, _ := b.Allow(t.Context(), "shared", rule)
	if d.Allowed {
		t.Fatal("the fifth request across both replicas was allowed")
	}
	if d.RetryAfter < 14*time.Minute || d.RetryAfter > 15*time.Minute {
		t.Errorf("RetryAfter = %v, want about 15m", d.RetryAfter)
	}
}

func TestRedisRefills(t *testing.T) {
	t.Parallel()
	l := ratelimit.NewRedis(t.Context(), redisClient(t), ratelimit.RedisOptions{Prefix: prefix()})
	defer l.Close()
	rule := ratelimit.Rule{Limit: 2, Window: 200 * time.Millisecond}
	for range 2 {
		if d, _ := l.Allow(t.Context(), "k", rule); !d.Allowed {
			t.Fatal("burst refused")
		}
	}
	d, _ := l.Allow(t.Context(), "k", rule)
	if d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > 100*time.Millisecond {
		t.Fatalf("third request: %+v; want refused with RetryAfter in (0, 100ms]", d)
	}
	time.Sleep(d.RetryAfter + 5*time.Millisecond)
	if d, _ := l.Allow(t.Context(), "k", rule); !d.Allowed {
		t.Fatalf("after RetryAfter: %+v; want allowed", d)
	}
	d, err := ratelimit.Wait(t.Context(), l, "k", rule)
	if err != nil || !d.Allowed {
		t.Fatalf("Wait: %+v, %v", d, err)
	}
}

func TestRedisDownFallsBack(t *testing.T) {
	t.Parallel()
	dead := redis.NewClient(&redis.Options{
		Addr: "127.0.0.1:1", DialTimeout: 200 * time.Millisecond, ReadTimeout: 200 * time.Millisecond,
		MaxRetries: -1, DialerRetries: 1,
	})
	defer dead.Close()
	var logs testenv.Buffer
	l := ratelimit.NewRedis(t.Context(), dead, ratelimit.RedisOptions{
		Prefix: prefix(), Logger: slog.New(slog.NewTextHandler(&logs, nil)), RetryInterval: 20 * time.Millisecond,
	})
	defer l.Close()
	rule := ratelimit.Rule{Limit: 3, Window: time.Hour}
	start := time.Now()
	allowed := 0
	for range 50 {
		d, err := l.Allow(t.Context(), "k", rule)
		if err != nil {
			t.Fatalf("Allow returned %v with redis down; it must not block traffic", err)
		}
		if d.Allowed {
			allowed++
		}
		time.Sleep(time.Millisecond) // let a few probes happen
	}
	if allowed != 3 {
		t.Errorf("fallback allowed %d, want the limit 3", allowed)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("50 decisions took %v with redis down", took)
	}
	if l.Healthy() {
		t.Error("Healthy() with redis down")
	}
	if n := strings.Count(logs.String(), "redis unavailable"); n != 1 {
		t.Errorf("logged the outage %d times, want once:\n%s", n, logs.String())
	}
}

func BenchmarkRedisAllow(b *testing.B) {
	l := ratelimit.NewRedis(b.Context(), redisClient(b), ratelimit.RedisOptions{Prefix: prefix()})
	defer l.Close()
	rule := ratelimit.Rule{Limit: 1 << 30, Window: time.Hour}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := l.Allow(b.Context(), "bench", rule); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRedisReset(t *testing.T) {
	t.Parallel()
	l := ratelimit.NewRedis(t.Context(), redisClient(t), ratelimit.RedisOptions{Prefix: prefix()})
	defer l.Close()
	checkReset(t, l)
}
