package llm_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/llm"
	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

// TestFailureClasses: each way a provider fails reaches the caller as an
// *llm.Error of the right class, with the provider's status and its own
// retry hint, through each provider's real client.
func TestFailureClasses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		fault      llmtest.Fault
		class      llm.Class
		status     int
		retryAfter time.Duration
	}{
		{"429 with a hint", llmtest.Fault{Status: 429, RetryAfter: 2 * time.Second}, llm.RateLimited, 429, 2 * time.Second},
		{"429 without", llmtest.Fault{Status: 429}, llm.RateLimited, 429, 0},
		{"503 with a hint", llmtest.Fault{Status: 503, RetryAfter: 3 * time.Second}, llm.Unavailable, 503, 3 * time.Second},
		{"500", llmtest.Fault{Status: 500}, llm.Unavailable, 500, 0},
		{"401", llmtest.Fault{Status: 401}, llm.Unauthorized, 401, 0},
		{"403", llmtest.Fault{Status: 403}, llm.Unauthorized, 403, 0},
		{"400", llmtest.Fault{Status: 400}, llm.Rejected, 400, 0},
		{"404 for the only model", llmtest.Fault{Status: 404}, llm.Rejected, 404, 0},
		{"timeout", llmtest.Fault{Delay: 2 * time.Second}, llm.Timeout, 0, 0},
	}
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					f := newFixture(t, name)
					f.fake.Push(tc.fault)
					// One attempt, so that the first failure is the answer.
					r := f.resilient(llm.Policy{MaxAttempts: 1, CallTimeout: 200 * time.Millisecond})
					_, err := r.Generate(context.Background(), request())
					e := failure(t, err)
					if e.Class != tc.class || e.Status != tc.status || e.RetryAfter != tc.retryAfter || e.Provider != name {
						t.Errorf("got %s from %q, HTTP %d, retry after %v; want %s, HTTP %d, %v",
							e.Class, e.Provider, e.Status, e.RetryAfter, tc.class, tc.status, tc.retryAfter)
					}
					if tc.class == llm.Timeout && !errors.Is(err, llm.ErrTimeout) {
						t.Errorf("err = %v, not an llm.ErrTimeout", err)
					}
					noKey(t, err)
				})
			}
		})
	}
}

// stub is a provider that fails every request with err.
type stub struct{ err error }

func (s stub) Name() string { return "stub" }
func (s stub) Generate(context.Context, *llm.Request) (*llm.Response, error) {
	return nil, s.err
}
func (s stub) Stream(ctx context.Context, r *llm.Request, _ func(string)) (*llm.Response, error) {
	return s.Generate(ctx, r)
}

// TestFailureClassesWithoutHTTP covers the classes no HTTP status
// decides.
func TestFailureClassesWithoutHTTP(t *testing.T) {
	t.Parallel()
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name   string
		err    error
		models []string
		ctx    context.Context
		want   llm.Class
	}{
		{"no usable answer", llm.ErrInvalidAnswer, []string{"m"}, context.Background(), llm.NoAnswer},
		{"connection refused", errors.New("dial tcp 127.0.0.1:1: connect: connection refused"), []string{"m"}, context.Background(), llm.Unreachable},
		{"anything else", errors.New("unexpected"), []string{"m"}, context.Background(), llm.Failed},
		{"cancelled", context.Canceled, []string{"m"}, canceled, llm.Canceled},
		{"no model", nil, nil, context.Background(), llm.NoModel},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := llm.NewResilient(stub{tc.err}, llm.Policy{Models: tc.models, MaxAttempts: 2, BaseDelay: time.Millisecond})
			_, err := r.Generate(tc.ctx, request())
			if e := failure(t, err); e.Class != tc.want || e.Provider != "stub" {
				t.Errorf("got %s from %q, want %s", e.Class, e.Provider, tc.want)
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("err = %v lost its cause", err)
			}
		})
	}
}

// TestResilientIsNotAProvider: a Resilient makes several requests per
// call, so it must not be wrapped in another as if it made one.
func TestResilientIsNotAProvider(t *testing.T) {
	t.Parallel()
	var r any = llm.NewResilient(stub{}, llm.Policy{})
	if _, ok := r.(llm.Provider); ok {
		t.Error("*llm.Resilient implements llm.Provider")
	}
}
