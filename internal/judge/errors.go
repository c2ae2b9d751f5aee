package judge

import (
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/llm"
)

// courtError says what a failed call to the language model means to the
// court and its clients: an llm.Error's class becomes a court code, a
// plain sentence in the judge's words, and the wait the client is asked
// for. The cause is kept, already redacted, for logs.
//
// A *court.Error already in err's chain (a rate waiter may speak the
// court's language itself) is returned as it is, and any error that is
// not an *llm.Error is the court's internal error.
func courtError(err error) error {
	var ce *court.Error
	if err == nil || errors.As(err, &ce) {
		return err
	}
	var e *llm.Error
	if !errors.As(err, &e) {
		return err
	}
	provider := displayName(e.Provider)
	name := provider + " API"
	var out *court.Error
	switch e.Class {
	case llm.RateLimited:
		out = court.Wrapf(court.ERateLimited, err, "The %s is rate limiting this service (HTTP 429). Please retry later.", name)
		// A client that is told to slow down is told for how long.
		out.RetryAfter = max(e.RetryAfter, time.Second)
	case llm.Unavailable:
		out = court.Wrapf(court.EUnavailable, err, "The %s is unavailable (HTTP %d). Please retry later.", name, e.Status)
		out.RetryAfter = e.RetryAfter
	case llm.Unauthorized:
		// The operator's key is wrong; the user can only wait for a fix.
		out = court.Wrapf(court.EUnavailable, err, "The %s refused this service's credentials (HTTP %d). The judge is unavailable until an operator fixes the configuration.", name, e.Status)
	case llm.Rejected:
		out = court.Wrapf(court.EUpstream, err, "The %s rejected the request (HTTP %d).", name, e.Status)
	case llm.Timeout:
		out = court.Wrapf(court.EUnavailable, err, "The %s did not answer in time. Please retry.", name)
	case llm.Canceled:
		out = court.Wrap(court.EUnavailable, err, "The request was cancelled before the judge answered.")
	case llm.NoAnswer:
		out = court.Wrapf(court.EUpstream, err, "The %s returned no usable answer; a retry may help.", name)
	case llm.Unreachable:
		out = court.Wrapf(court.EUnavailable, err, "The %s could not be reached. Please retry later.", name)
	case llm.CircuitOpen:
		out = court.Wrapf(court.EUnavailable, err, "The %s API is failing; calls are paused for a moment. Please retry later.", provider)
		out.RetryAfter = e.RetryAfter
	case llm.Busy:
		out = court.Wrap(court.ERateLimited, err, "The judge is busy with other cases. Please retry shortly.")
		out.RetryAfter = e.RetryAfter
	case llm.OverBudget:
		out = court.Wrapf(court.ERateLimited, err, "This service's request budget for the %s API is used up. Please retry shortly.", provider)
		out.RetryAfter = e.RetryAfter
	case llm.NoModel:
		out = court.Wrapf(court.EInternal, err, "No model is configured for the %s API.", provider)
	default: // llm.Failed
		out = court.Wrapf(court.EUpstream, err, "The call to the %s failed; a retry may help.", name)
	}
	return out
}

// displayName is the provider's name as the judge's sentences show it.
func displayName(provider string) string {
	switch provider {
	case "gemini":
		return "Gemini"
	case "openai":
		return "OpenAI-compatible"
	case "anthropic":
		return "Anthropic"
	}
	return "language-model"
}
