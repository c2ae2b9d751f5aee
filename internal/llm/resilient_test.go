package llm_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/llm"
	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

func TestResilience(t *testing.T) {
	t.Parallel()
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			t.Run("429 then success honours Retry-After", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				f.fake.Push(llmtest.Fault{Status: 429, RetryAfter: time.Second})
				start := time.Now()
				res, err := f.resilient(llm.Policy{}).Generate(context.Background(), request())
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, res)
				if d := time.Since(start); d < time.Second {
					t.Errorf("retried after %v, before the 1s Retry-After", d)
				}
				if res.Attempts != 2 || len(f.fake.Calls()) != 2 {
					t.Errorf("attempts %d, calls %d", res.Attempts, len(f.fake.Calls()))
				}
			})

			t.Run("429 beyond the budget is rate limited", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				f.fake.Push(llmtest.Fault{Status: 429, RetryAfter: time.Minute})
				_, err := f.resilient(llm.Policy{MaxDelay: time.Second}).Generate(context.Background(), request())
				if e := failure(t, err); e.Class != llm.RateLimited || e.RetryAfter < 59*time.Second {
					t.Errorf("err = %v, retry after %v", err, e.RetryAfter)
				}
				noKey(t, err)
			})

			t.Run("503 opens the breaker, which recovers", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				for range 4 {
					f.fake.Push(llmtest.Fault{Status: 503})
				}
				r := f.resilient(llm.Policy{MaxAttempts: 2, BreakerFailures: 3, BreakerOpen: 300 * time.Millisecond})
				_, err := r.Generate(context.Background(), request())
				if e := failure(t, err); e.Class != llm.Unavailable || e.Status != 503 {
					t.Fatalf("first call: %v", err)
				}
				noKey(t, err)
				_, err = r.Generate(context.Background(), request())
				if e := failure(t, err); e.Class != llm.CircuitOpen || e.RetryAfter <= 0 {
					t.Fatalf("second call: %v (retry after %v)", err, e.RetryAfter)
				}
				if n := len(f.fake.Calls()); n != 3 {
					t.Errorf("the breaker let %d calls through, want 3", n)
				}
				// Open: fail fast without a request.
				start := time.Now()
				_, err = r.Generate(context.Background(), request())
				if failure(t, err).Class != llm.CircuitOpen || time.Since(start) > 50*time.Millisecond || len(f.fake.Calls()) != 3 {
					t.Fatalf("open breaker: %v after %v, %d calls", err, time.Since(start), len(f.fake.Calls()))
				}
				time.Sleep(350 * time.Millisecond)
				// Half-open: one probe, which meets the last 503 (retried
				// only once the breaker lets it) … then the service is back.
				var res *llm.Response
				for range 3 {
					if res, err = r.Generate(context.Background(), request()); err == nil {
						break
					}
					time.Sleep(350 * time.Millisecond)
				}
				if err != nil {
					t.Fatalf("after recovery: %v", err)
				}
				checkAnswer(t, res)
			})

			t.Run("timeout", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				f.fake.Push(llmtest.Fault{Delay: 2 * time.Second}, llmtest.Fault{Delay: 2 * time.Second})
				start := time.Now()
				_, err := f.resilient(llm.Policy{CallTimeout: 150 * time.Millisecond, MaxAttempts: 2}).Generate(context.Background(), request())
				if failure(t, err).Class != llm.Timeout {
					t.Fatalf("err = %v", err)
				}
				if d := time.Since(start); d > time.Second {
					t.Errorf("took %v", d)
				}
				if !errors.Is(err, llm.ErrTimeout) {
					t.Errorf("err = %v, not a timeout", err)
				}
				noKey(t, err)
			})

			t.Run("timeout then success", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				f.fake.Push(llmtest.Fault{Delay: 5 * time.Second})
				// Generous: the race detector and parallel tests slow the
				// first streamed call down.
				res, err := f.resilient(llm.Policy{CallTimeout: time.Second}).Stream(context.Background(), request(), func(string) {})
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, res)
			})

			t.Run("fallback model", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				f.fake.Push(llmtest.Fault{Status: 404}, llmtest.Fault{Status: 500}, llmtest.Fault{Status: 500})
				res, err := f.resilient(llm.Policy{Models: []string{"gone", "primary", "backup"}, MaxAttempts: 2}).Generate(context.Background(), request())
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, res)
				var models []string
				for _, c := range f.fake.Calls() {
					models = append(models, c.Model)
				}
				if want := "gone primary primary backup"; join(models) != want {
					t.Errorf("models tried: %q, want %q", join(models), want)
				}
			})

			t.Run("bad request is not retried", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				f.fake.Push(llmtest.Fault{Status: 400})
				_, err := f.resilient(llm.Policy{}).Generate(context.Background(), request())
				if e := failure(t, err); e.Class != llm.Rejected || e.Status != 400 || len(f.fake.Calls()) != 1 {
					t.Errorf("err = %v after %d calls", err, len(f.fake.Calls()))
				}
			})
		})
	}
}

func join(s []string) string { return strings.Join(s, " ") }

// slow is a provider that takes d and counts its calls.
type slow struct {
	d     time.Duration
	calls atomic.Int64
}

func (s *slow) Name() string { return "slow" }
func (s *slow) Generate(ctx context.Context, r *llm.Request) (*llm.Response, error) {
	s.calls.Add(1)
	select {
	case <-time.After(s.d):
		return &llm.Response{Text: "{}", InputTokens: 1, OutputTokens: 1}, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
func (s *slow) Stream(ctx context.Context, r *llm.Request, delta func(string)) (*llm.Response, error) {
	return s.Generate(ctx, r)
}

func TestQueueBound(t *testing.T) {
	t.Parallel()
	p := &slow{d: 200 * time.Millisecond}
	r := llm.NewResilient(p, llm.Policy{Models: []string{"m"}, MaxConcurrent: 2, QueueSize: 3})
	var wg sync.WaitGroup
	var limited atomic.Int64
	for i := range 8 {
		wg.Go(func() {
			req := request()
			req.Messages = []llm.Message{{Role: llm.User, Text: string(rune('a' + i))}}
			_, err := r.Generate(context.Background(), req)
			if e := asError(err); e != nil && e.Class == llm.Busy && e.RetryAfter > 0 {
				limited.Add(1)
			} else if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if limited.Load() != 3 || p.calls.Load() != 5 {
		t.Errorf("%d refused, %d called; want 3 and 5", limited.Load(), p.calls.Load())
	}
}

// TestLimitsHaveNoDefaults: the Policy's limits are what its caller
// says, zero included: no queue means a second call is refused at once,
// no bound means every call runs.
func TestLimitsHaveNoDefaults(t *testing.T) {
	t.Parallel()
	run := func(pol llm.Policy, n int) (busy int64) {
		p := &slow{d: 300 * time.Millisecond}
		pol.Models = []string{"m"}
		r := llm.NewResilient(p, pol)
		var wg sync.WaitGroup
		var refused atomic.Int64
		for range n {
			wg.Go(func() {
				_, err := r.Generate(context.Background(), request())
				if e := asError(err); e != nil && e.Class == llm.Busy {
					refused.Add(1)
				} else if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		return refused.Load()
	}
	if n := run(llm.Policy{MaxConcurrent: 1}, 3); n != 2 {
		t.Errorf("with no queue %d of 3 calls were refused, want 2", n)
	}
	if n := run(llm.Policy{}, 100); n != 0 {
		t.Errorf("with no bound %d of 100 calls were refused", n)
	}
}

// TestIdenticalCallsAreMade: Resilient shares nothing between callers,
// so identical concurrent calls each make their request, and one caller
// giving up fails only that caller.
func TestIdenticalCallsAreMade(t *testing.T) {
	t.Parallel()
	p := &slow{d: 100 * time.Millisecond}
	r := llm.NewResilient(p, llm.Policy{Models: []string{"m"}})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := r.Generate(context.Background(), request()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := p.calls.Load(); n != 3 {
		t.Errorf("3 identical calls made %d requests", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := r.Generate(context.Background(), request()); done <- err }()
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	if _, err := r.Generate(ctx, request()); failure(t, err).Class != llm.Canceled {
		t.Errorf("the impatient caller got %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("the patient caller failed: %v", err)
	}
}

// script is a provider that answers each request with the next of its
// errors, nil meaning an answer.
type script struct {
	mu   sync.Mutex
	errs []error
}

func (s *script) Name() string { return "script" }
func (s *script) Generate(ctx context.Context, r *llm.Request) (*llm.Response, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	if len(s.errs) > 0 {
		err, s.errs = s.errs[0], s.errs[1:]
	}
	if err != nil {
		return nil, err
	}
	return &llm.Response{Text: "{}", InputTokens: 1, OutputTokens: 1}, nil
}
func (s *script) Stream(ctx context.Context, r *llm.Request, delta func(string)) (*llm.Response, error) {
	return s.Generate(ctx, r)
}

// TestBreakerCountsSuccesses: only consecutive failures open the
// circuit, and one successful probe closes it again.
func TestBreakerCountsSuccesses(t *testing.T) {
	t.Parallel()
	down := llm.StatusError("script", 503, 0, errors.New("down"))
	p := &script{errs: []error{down, nil, down, nil, down, down, nil, down, nil}}
	r := llm.NewResilient(p, llm.Policy{Models: []string{"m"}, MaxAttempts: 1, BreakerFailures: 2, BreakerOpen: 100 * time.Millisecond})
	want := func(step string, class llm.Class) {
		t.Helper()
		_, err := r.Generate(context.Background(), request())
		if got := asError(err); class == "" && err != nil || class != "" && (got == nil || got.Class != class) {
			t.Fatalf("%s: err = %v, want %q", step, err, class)
		}
	}
	want("failure", llm.Unavailable)
	want("success", "")
	want("failure after a success", llm.Unavailable)
	want("success: the count was reset", "")
	want("failure", llm.Unavailable)
	want("second failure in a row", llm.Unavailable)
	want("open", llm.CircuitOpen)
	time.Sleep(150 * time.Millisecond)
	want("successful probe", "")
	want("failure after the probe", llm.Unavailable)
	want("success: the circuit had closed", "")
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	p := &slow{}
	r := llm.NewResilient(p, llm.Policy{Models: []string{"m"}, Rate: llm.NewLocalRate(60), MaxElapsed: 300 * time.Millisecond})
	var ok, limited int
	for i := range 8 {
		req := request()
		req.Messages = []llm.Message{{Role: llm.User, Text: string(rune('a' + i))}}
		_, err := r.Generate(context.Background(), req)
		switch {
		case err == nil:
			ok++
		case failure(t, err).Class == llm.OverBudget:
			limited++
		default:
			t.Fatal(err)
		}
	}
	// 60 a minute allows a burst of 6, then one a second.
	if ok != 6 || limited != 2 {
		t.Errorf("%d passed, %d limited", ok, limited)
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	err := llm.Redact(errors.New(`POST "https://gw.example/v1/chat?key=abc123&x=1": 401 sk-secret-value`), "sk-secret-value")
	if got := err.Error(); got != `POST "https://gw.example/v1/chat?key=[REDACTED]&x=1": 401 [REDACTED]` {
		t.Errorf("got %s", got)
	}
}

func TestPrices(t *testing.T) {
	t.Parallel()
	p := llm.DefaultPrices()
	if c := p.Cost("gpt-4o-mini-2024-07-18", 1e6, 1e6); c != 0.75 {
		t.Errorf("gpt-4o-mini cost %v", c)
	}
	if c := p.Cost("gemini-2.5-flash-lite", 1e6, 0); c != 0.10 {
		t.Errorf("flash-lite cost %v", c)
	}
	if c := p.Cost("unknown-model", 1e6, 1e6); c != 0 {
		t.Errorf("unknown cost %v", c)
	}
}
