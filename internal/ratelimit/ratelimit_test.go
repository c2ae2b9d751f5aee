package ratelimit_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/ratelimit"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ ns atomic.Int64 }

func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

func newFake() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func TestMemoryWindowMaths(t *testing.T) {
	t.Parallel()
	type step struct {
		advance    time.Duration
		allowed    bool
		remaining  int
		reset      time.Duration
		retryAfter time.Duration
	}
	tests := []struct {
		name  string
		rule  ratelimit.Rule
		steps []step
	}{
		{"burst then one per interval", ratelimit.Rule{Limit: 3, Window: 3 * time.Second}, []step{
			{0, true, 2, 1 * time.Second, 0},
			{0, true, 1, 2 * time.Second, 0},
			{0, true, 0, 3 * time.Second, 0},
			{0, false, 0, 3 * time.Second, 1 * time.Second},
			{500 * time.Millisecond, false, 0, 2500 * time.Millisecond, 500 * time.Millisecond},
			{500 * time.Millisecond, true, 0, 3 * time.Second, 0},
			{10 * time.Second, true, 2, 1 * time.Second, 0}, // idle: full again
		}},
		{"refused requests cost nothing", ratelimit.Rule{Limit: 1, Window: time.Minute}, []step{
			{0, true, 0, time.Minute, 0},
			{30 * time.Second, false, 0, 30 * time.Second, 30 * time.Second},
			{29 * time.Second, false, 0, time.Second, time.Second},
			{time.Second, true, 0, time.Minute, 0},
		}},
		{"partial refill", ratelimit.Rule{Limit: 10, Window: 10 * time.Second}, []step{
			{0, true, 9, time.Second, 0},
			{0, true, 8, 2 * time.Second, 0},
			{0, true, 7, 3 * time.Second, 0},
			{2 * time.Second, true, 8, 2 * time.Second, 0},
		}},
		{"window not divisible by limit", ratelimit.Rule{Limit: 7, Window: time.Minute}, []step{
			{0, true, 6, 8571428571, 0},
			{0, true, 5, 2 * 8571428571, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFake()
			m := ratelimit.NewMemory(t.Context(), ratelimit.MemoryOptions{Now: clock.Now})
			defer m.Close()
			for i, s := range tt.steps {
				clock.Advance(s.advance)
				d, err := m.Allow(t.Context(), "k", tt.rule)
				if err != nil {
					t.Fatal(err)
				}
				want := ratelimit.Decision{Allowed: s.allowed, Limit: tt.rule.Limit, Remaining: s.remaining,
					Reset: s.reset, RetryAfter: s.retryAfter, Window: tt.rule.Window}
				if d != want {
					t.Errorf("step %d: got %+v\nwant %+v", i, d, want)
				}
			}
		})
	}
}

func TestInvalidRule(t *testing.T) {
	t.Parallel()
	m := ratelimit.NewMemory(t.Context(), ratelimit.MemoryOptions{})
	defer m.Close()
	for _, r := range []ratelimit.Rule{{}, {Limit: 1}, {Window: time.Second}, {Limit: -1, Window: time.Second}, {Limit: 10, Window: 5}} {
		if _, err := m.Allow(t.Context(), "k", r); err != ratelimit.ErrInvalidRule {
			t.Errorf("Allow(%+v) error = %v, want ErrInvalidRule", r, err)
		}
	}
}

func TestDecisionHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		d    ratelimit.Decision
		want map[string]string
	}{
		{ratelimit.Decision{Allowed: true, Limit: 100, Remaining: 42, Reset: 1500 * time.Millisecond, Window: 15 * time.Minute},
			map[string]string{"RateLimit-Limit": "100", "RateLimit-Remaining": "42", "RateLimit-Reset": "2",
				"RateLimit-Policy": "100;w=900", "Retry-After": ""}},
		{ratelimit.Decision{Limit: 5, Reset: 10 * time.Second, RetryAfter: 200 * time.Millisecond, Window: time.Minute},
			map[string]string{"RateLimit-Limit": "5", "RateLimit-Remaining": "0", "RateLimit-Reset": "10",
				"RateLimit-Policy": "5;w=60", "Retry-After": "1"}},
		{ratelimit.Decision{Limit: 5, RetryAfter: 0, Window: time.Minute},
			map[string]string{"Retry-After": "1"}}, // never tell a refused client to retry at once
	}
	for _, tt := range tests {
		h := http.Header{}
		tt.d.Headers(h)
		for k, v := range tt.want {
			if got := h.Get(k); got != v {
				t.Errorf("%+v: %s = %q, want %q", tt.d, k, got, v)
			}
		}
	}
}

// exactlyLimit fires 1000 concurrent requests at l and checks that exactly
// rule.Limit pass: the window is long enough that nothing refills meanwhile.
func exactlyLimit(t *testing.T, ls []ratelimit.Limiter, key string) {
	t.Helper()
	rule := ratelimit.Rule{Limit: 100, Window: time.Hour}
	var allowed, refused atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 1000 {
		wg.Go(func() {
			<-start
			d, err := ls[i%len(ls)].Allow(context.Background(), key, rule)
			if err != nil {
				t.Error(err)
				return
			}
			if d.Allowed {
				allowed.Add(1)
			} else {
				refused.Add(1)
			}
		})
	}
	close(start)
	wg.Wait()
	if allowed.Load() != 100 || refused.Load() != 900 {
		t.Errorf("allowed %d, refused %d; want 100 and 900", allowed.Load(), refused.Load())
	}
}

func TestMemoryConcurrent(t *testing.T) {
	t.Parallel()
	m := ratelimit.NewMemory(t.Context(), ratelimit.MemoryOptions{})
	defer m.Close()
	exactlyLimit(t, []ratelimit.Limiter{m}, "ip:203.0.113.7")
}

func TestMemoryForgetsIdleKeys(t *testing.T) {
	t.Parallel()
	clock := newFake()
	m := ratelimit.NewMemory(t.Context(), ratelimit.MemoryOptions{Now: clock.Now, MaxKeys: 64 * 100})
	defer m.Close()
	rule := ratelimit.Rule{Limit: 10, Window: time.Minute}
	for i := range 2000 {
		m.Allow(t.Context(), "ip:"+itoa(i), rule)
	}
	if n := m.Len(); n != 2000 {
		t.Fatalf("Len() = %d, want 2000", n)
	}
	clock.Advance(rule.Window / time.Duration(rule.Limit)) // every key is idle again
	m.Sweep()
	if n := m.Len(); n != 0 {
		t.Fatalf("Len() after sweep = %d, want 0", n)
	}

	// A flood of distinct keys stays within MaxKeys.
	for i := range 100000 {
		m.Allow(t.Context(), "flood:"+itoa(i), rule)
	}
	if n := m.Len(); n > 64*100 {
		t.Fatalf("Len() = %d beyond MaxKeys %d", n, 64*100)
	}
}

func itoa(i int) string {
	b := []byte{}
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
		if i == 0 {
			return string(b)
		}
	}
}

func TestWait(t *testing.T) {
	t.Parallel()
	m := ratelimit.NewMemory(t.Context(), ratelimit.MemoryOptions{})
	defer m.Close()
	rule := ratelimit.Rule{Limit: 5, Window: 100 * time.Millisecond} // one per 20 ms after a burst of 5
	start := time.Now()
	for range 10 {
		if _, err := ratelimit.Wait(t.Context(), m, "llm:gemini", rule); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took < 90*time.Millisecond || took > 2*time.Second {
		t.Errorf("10 waits took %v, want about 100ms", took)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Millisecond)
	defer cancel()
	slow := ratelimit.Rule{Limit: 1, Window: time.Hour}
	ratelimit.Wait(ctx, m, "slow", slow)
	if _, err := ratelimit.Wait(ctx, m, "slow", slow); err != ratelimit.ErrWaitExceedsDeadline {
		t.Errorf("Wait past the deadline: err = %v, want ErrWaitExceedsDeadline", err)
	}
}

func BenchmarkMemoryAllow(b *testing.B) {
	m := ratelimit.NewMemory(b.Context(), ratelimit.MemoryOptions{})
	defer m.Close()
	rule := ratelimit.Rule{Limit: 1000, Window: time.Second}
	keys := make([]string, 4096)
	for i := range keys {
		keys[i] = "ip:198.51.100." + itoa(i)
	}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := m.Allow(b.Context(), keys[i&4095], rule); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			ctx := context.Background()
			for pb.Next() {
				if _, err := m.Allow(ctx, keys[i&4095], rule); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	})
}

// checkReset spends a key's burst, resets it and expects the full burst
// back, without touching another key.
func checkReset(t *testing.T, l ratelimit.Limiter) {
	t.Helper()
	ctx := context.Background()
	rule := ratelimit.Rule{Limit: 3, Window: time.Hour}
	for _, key := range []string{"spent", "other"} {
		for range 3 {
			l.Allow(ctx, key, rule)
		}
		if d, _ := l.Allow(ctx, key, rule); d.Allowed {
			t.Fatalf("%s: a fourth request in the hour was allowed", key)
		}
	}
	if err := l.Reset(ctx, "spent"); err != nil {
		t.Fatal(err)
	}
	if err := l.Reset(ctx, "never-seen"); err != nil {
		t.Fatalf("resetting an unknown key: %v", err)
	}
	for i := range 3 {
		if d, _ := l.Allow(ctx, "spent", rule); !d.Allowed || d.Remaining != 2-i {
			t.Fatalf("request %d after the reset: %+v", i+1, d)
		}
	}
	if d, _ := l.Allow(ctx, "other", rule); d.Allowed {
		t.Error("resetting one key reset another")
	}
}

func TestMemoryReset(t *testing.T) {
	t.Parallel()
	l := ratelimit.NewMemory(context.Background(), ratelimit.MemoryOptions{Now: newFake().Now})
	defer l.Close()
	checkReset(t, l)
}
