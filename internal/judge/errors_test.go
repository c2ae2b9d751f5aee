package judge

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/llm"
)

// TestCourtError: every class of llm failure becomes its court code, its
// sentence and its wait, and keeps its cause.
func TestCourtError(t *testing.T) {
	t.Parallel()
	cause := errors.New("the provider's own words")
	cases := []struct {
		in         llm.Error
		code       court.Code
		message    string
		retryAfter time.Duration
	}{
		{llm.Error{Class: llm.RateLimited, Status: 429, RetryAfter: 7 * time.Second}, court.ERateLimited,
			"The Gemini API is rate limiting this service (HTTP 429). Please retry later.", 7 * time.Second},
		{llm.Error{Class: llm.RateLimited, Status: 429}, court.ERateLimited,
			"The Gemini API is rate limiting this service (HTTP 429). Please retry later.", time.Second},
		{llm.Error{Class: llm.Unavailable, Status: 503, RetryAfter: 3 * time.Second}, court.EUnavailable,
			"The Gemini API is unavailable (HTTP 503). Please retry later.", 3 * time.Second},
		{llm.Error{Class: llm.Unavailable, Status: 408}, court.EUnavailable,
			"The Gemini API is unavailable (HTTP 408). Please retry later.", 0},
		{llm.Error{Class: llm.Unauthorized, Status: 401, RetryAfter: time.Minute}, court.EUnavailable,
			"The Gemini API refused this service's credentials (HTTP 401). The judge is unavailable until an operator fixes the configuration.", 0},
		{llm.Error{Class: llm.Rejected, Status: 400}, court.EUpstream,
			"The Gemini API rejected the request (HTTP 400).", 0},
		{llm.Error{Class: llm.Timeout}, court.EUnavailable,
			"The Gemini API did not answer in time. Please retry.", 0},
		{llm.Error{Class: llm.Canceled}, court.EUnavailable,
			"The request was cancelled before the judge answered.", 0},
		{llm.Error{Class: llm.NoAnswer}, court.EUpstream,
			"The Gemini API returned no usable answer; a retry may help.", 0},
		{llm.Error{Class: llm.Unreachable}, court.EUnavailable,
			"The Gemini API could not be reached. Please retry later.", 0},
		{llm.Error{Class: llm.Failed}, court.EUpstream,
			"The call to the Gemini API failed; a retry may help.", 0},
		{llm.Error{Class: llm.CircuitOpen, RetryAfter: 12 * time.Second}, court.EUnavailable,
			"The Gemini API is failing; calls are paused for a moment. Please retry later.", 12 * time.Second},
		{llm.Error{Class: llm.Busy, RetryAfter: 5 * time.Second}, court.ERateLimited,
			"The judge is busy with other cases. Please retry shortly.", 5 * time.Second},
		{llm.Error{Class: llm.OverBudget, RetryAfter: 10 * time.Second}, court.ERateLimited,
			"This service's request budget for the Gemini API is used up. Please retry shortly.", 10 * time.Second},
		{llm.Error{Class: llm.NoModel}, court.EInternal,
			"No model is configured for the Gemini API.", 0},
	}
	for _, tc := range cases {
		t.Run(string(tc.in.Class), func(t *testing.T) {
			t.Parallel()
			in := tc.in
			in.Provider, in.Err = "gemini", cause
			err := courtError(&in)
			if court.ErrorCode(err) != tc.code || court.ErrorMessage(err) != tc.message || court.RetryAfter(err) != tc.retryAfter {
				t.Errorf("got %s %q, retry after %v; want %s %q, %v",
					court.ErrorCode(err), court.ErrorMessage(err), court.RetryAfter(err), tc.code, tc.message, tc.retryAfter)
			}
			if !errors.Is(err, cause) {
				t.Errorf("%v lost its cause", err)
			}
		})
	}
}

func TestCourtErrorPassesThrough(t *testing.T) {
	t.Parallel()
	if courtError(nil) != nil {
		t.Error("nil became an error")
	}
	// A rate waiter that speaks the court's language is heard as it is.
	own := court.Errorf(court.ERateLimited, "Slow down.")
	own.RetryAfter = 3 * time.Second
	err := courtError(&llm.Error{Class: llm.OverBudget, Provider: "openai", RetryAfter: 10 * time.Second, Err: own})
	if court.ErrorMessage(err) != "Slow down." || court.RetryAfter(err) != 3*time.Second {
		t.Errorf("got %q, retry after %v", court.ErrorMessage(err), court.RetryAfter(err))
	}
	// Anything else is not the judge's to explain.
	if err := courtError(context.Canceled); court.ErrorCode(err) != court.EInternal {
		t.Errorf("a plain error became %v", court.ErrorCode(err))
	}
}

func TestDisplayName(t *testing.T) {
	t.Parallel()
	for provider, want := range map[string]string{"gemini": "Gemini", "openai": "OpenAI-compatible", "anthropic": "Anthropic", "local": "language-model"} {
		if got := displayName(provider); got != want {
			t.Errorf("displayName(%q) = %q, want %q", provider, got, want)
		}
	}
}

// TestPolicyHasEveryLimit: llm.Policy has no defaults for the limits
// Settings holds, so Settings always passes them on.
func TestPolicyHasEveryLimit(t *testing.T) {
	t.Parallel()
	p := Settings{Provider: "gemini"}.Policy(nil)
	if p.CallTimeout != DefaultCallTimeout || p.MaxConcurrent != DefaultMaxConcurrent || p.QueueSize != DefaultQueueSize || p.Rate == nil {
		t.Errorf("policy = %+v", p)
	}
	if got := p.Models; len(got) != 1 || got[0] != DefaultModel("gemini") {
		t.Errorf("models = %v", got)
	}
}
