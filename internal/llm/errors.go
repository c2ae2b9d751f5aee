package llm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// APIError is a provider's HTTP error, reduced to what the retry logic and
// the client need. Providers build it from their SDK's error type so that
// Resilient does not depend on any SDK.
type APIError struct {
	Provider   string        // "gemini", …
	Status     int           // the HTTP status
	RetryAfter time.Duration // the provider's hint, 0 when it gave none
	Err        error         // the redacted SDK error, for logs
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %d", e.Provider, e.Status)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *APIError) Unwrap() error { return e.Err }

// ErrTimeout marks a call that exceeded its per-call deadline, as opposed
// to one its caller cancelled.
var ErrTimeout = errors.New("llm call timed out")

// ErrInvalidAnswer marks an answer the provider delivered in a shape no
// caller can use (no text at all, a refusal, a truncated stream).
var ErrInvalidAnswer = errors.New("provider returned no usable answer")

// redacted is an error whose text has had secrets removed, while still
// unwrapping to the original so that errors.As keeps working.
type redacted struct {
	msg string
	err error
}

func (r *redacted) Error() string { return r.msg }
func (r *redacted) Unwrap() error { return r.err }

// keyParam matches credentials passed in URLs (?key=…, &api_key=…), which
// some OpenAI-compatible gateways use and which SDK errors quote verbatim.
var keyParam = regexp.MustCompile(`(?i)((?:api[_-]?)?key|token|secret|sig)=[^&\s"'\\]+`)

// Redact returns err with every secret and every URL credential removed
// from its text. Providers pass their API key; empty secrets are ignored.
func Redact(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	return &redacted{msg: RedactString(err.Error(), secrets...), err: err}
}

// RedactString removes secrets and URL credentials from s.
func RedactString(s string, secrets ...string) string {
	for _, k := range secrets {
		if len(k) >= 4 {
			s = strings.ReplaceAll(s, k, "[REDACTED]")
		}
	}
	return keyParam.ReplaceAllString(s, "$1=[REDACTED]")
}

// ParseRetryAfter reads an HTTP Retry-After header (seconds or an HTTP
// date) and the non-standard retry-after-ms some providers send.
func ParseRetryAfter(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	if ms := h.Get("Retry-After-Ms"); ms != "" {
		if f, err := strconv.ParseFloat(ms, 64); err == nil && f > 0 {
			return time.Duration(f * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f <= 0 {
			return 0
		}
		return time.Duration(f * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// Class is what the retry logic may do about an error.
type Class int

// The classes of error.
const (
	Fatal     Class = iota // retrying cannot help (400, 401, a bug)
	Retryable              // 429, 5xx, a timeout, a dropped connection
	NoModel                // the model does not exist here: try the next one
	Canceled               // the caller gave up
)

// Classify says what may be done about err, and the provider's retry hint.
func Classify(err error) (Class, time.Duration) {
	var ae *APIError
	switch {
	case err == nil:
		return Fatal, 0
	case errors.As(err, &ae):
		switch {
		case ae.Status == http.StatusTooManyRequests, ae.Status == http.StatusRequestTimeout,
			ae.Status >= 500:
			return Retryable, ae.RetryAfter
		case ae.Status == http.StatusNotFound:
			return NoModel, 0
		}
		return Fatal, 0
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return Retryable, 0
	case errors.Is(err, context.Canceled):
		return Canceled, 0
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, net.ErrClosed) || isTransport(err) {
		return Retryable, 0
	}
	return Fatal, 0
}

// isTransport recognises connection failures that the SDKs report as
// plain wrapped errors.
func isTransport(err error) bool {
	s := err.Error()
	for _, m := range []string{"connection refused", "connection reset", "EOF", "broken pipe", "no such host"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// DisplayName is the provider's name as a sentence shows it.
func DisplayName(provider string) string {
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

// ToCourt turns a provider failure into a domain error with a plain,
// client-safe message. The cause is kept, already redacted, for logs.
func ToCourt(provider string, err error) error {
	if err == nil {
		return nil
	}
	var ce *court.Error
	if errors.As(err, &ce) {
		return err
	}
	name := DisplayName(provider) + " API"
	var ae *APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Status == http.StatusTooManyRequests:
			e := court.Wrapf(court.ERateLimited, err, "The %s is rate limiting this service (HTTP 429). Please retry later.", name)
			e.RetryAfter = max(ae.RetryAfter, time.Second)
			return e
		case ae.Status >= 500 || ae.Status == http.StatusRequestTimeout:
			e := court.Wrapf(court.EUnavailable, err, "The %s is unavailable (HTTP %d). Please retry later.", name, ae.Status)
			e.RetryAfter = ae.RetryAfter
			return e
		case ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden:
			// The operator's key is wrong; the user can only wait for a fix.
			return court.Wrapf(court.EUnavailable, err, "The %s refused this service's credentials (HTTP %d). The judge is unavailable until an operator fixes the configuration.", name, ae.Status)
		}
		return court.Wrapf(court.EUpstream, err, "The %s rejected the request (HTTP %d).", name, ae.Status)
	}
	switch {
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return court.Wrapf(court.EUnavailable, err, "The %s did not answer in time. Please retry.", name)
	case errors.Is(err, context.Canceled):
		return court.Wrap(court.EUnavailable, err, "The request was cancelled before the judge answered.")
	case errors.Is(err, ErrInvalidAnswer):
		return court.Wrapf(court.EUpstream, err, "The %s returned no usable answer; a retry may help.", name)
	}
	if c, _ := Classify(err); c == Retryable {
		return court.Wrapf(court.EUnavailable, err, "The %s could not be reached. Please retry later.", name)
	}
	return court.Wrapf(court.EUpstream, err, "The call to the %s failed; a retry may help.", name)
}
