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
)

// Class is what went wrong with a call, in the provider's terms. The
// layer above decides what each class means to its own clients.
type Class string

// The classes of failure, one for each thing the code above can tell
// apart. Status and RetryAfter are set where the list says so.
const (
	// RateLimited: the provider answered 429. RetryAfter is its hint
	// (0 when it gave none).
	RateLimited Class = "rate_limited"
	// Unavailable: the provider answered 5xx or 408. RetryAfter is its
	// hint (0 when it gave none).
	Unavailable Class = "unavailable"
	// Unauthorized: the provider answered 401 or 403, refusing this
	// service's credentials; retrying cannot help until they are fixed.
	Unauthorized Class = "unauthorized"
	// Rejected: the provider answered with any other status (400, or 404
	// for every model of the chain); retrying cannot help.
	Rejected Class = "rejected"
	// Timeout: a request exceeded its deadline (Policy.CallTimeout, or
	// the call's own).
	Timeout Class = "timeout"
	// Canceled: the caller gave up.
	Canceled Class = "canceled"
	// NoAnswer: the provider answered, but with nothing usable (no text,
	// a refusal, a truncated stream).
	NoAnswer Class = "no_answer"
	// Unreachable: the connection to the provider failed.
	Unreachable Class = "unreachable"
	// Failed: any other failure of the request.
	Failed Class = "failed"
	// CircuitOpen: the provider kept failing, so calls are refused
	// without a request for a while. RetryAfter is how much of that
	// while is left.
	CircuitOpen Class = "circuit_open"
	// Busy: this process has as many calls in flight and waiting as its
	// Policy allows. RetryAfter is about one typical call.
	Busy Class = "busy"
	// OverBudget: the RateWaiter did not let the request start in time.
	// RetryAfter is how long a new budget takes to build up.
	OverBudget Class = "over_budget"
	// NoModel: neither the Policy nor the Request names a model.
	NoModel Class = "no_model"
)

// Error is a failed call: its Class, the provider it concerns, and the
// cause, already redacted, for logs. Providers return one for an HTTP
// error (see StatusError); Resilient returns nothing else.
type Error struct {
	Class      Class
	Provider   string        // "gemini", …
	Status     int           // the provider's HTTP status, 0 when none came
	RetryAfter time.Duration // how long to wait before retrying, 0 for no hint
	Err        error         // the cause, for logs
}

func (e *Error) Error() string {
	msg := e.Provider + ": " + string(e.Class)
	if e.Status != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// StatusError is the error a provider returns when it answered with an
// HTTP error status: retryAfter is its hint (0 when it gave none) and
// cause the SDK's error, already redacted.
func StatusError(provider string, status int, retryAfter time.Duration, cause error) *Error {
	return &Error{Class: statusClass(status), Provider: provider, Status: status, RetryAfter: retryAfter, Err: cause}
}

func statusClass(status int) Class {
	switch {
	case status == http.StatusTooManyRequests:
		return RateLimited
	case status >= 500 || status == http.StatusRequestTimeout:
		return Unavailable
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return Unauthorized
	}
	return Rejected
}

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

// classify names what went wrong with one provider request. An HTTP
// status says the most, then a deadline, the caller, the answer and the
// connection, in that order.
func classify(err error) Class {
	var e *Error
	switch {
	case errors.As(err, &e):
		return e.Class
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return Timeout
	case errors.Is(err, context.Canceled):
		return Canceled
	case errors.Is(err, ErrInvalidAnswer):
		return NoAnswer
	case transport(err):
		return Unreachable
	}
	return Failed
}

// retryable reports whether another request may succeed where the one
// that failed with err did not. A stream cut off by a dropped connection
// counts, although the provider's client calls it no usable answer.
func retryable(err error) bool {
	switch classify(err) {
	case RateLimited, Unavailable, Timeout, Unreachable:
		return true
	case NoAnswer:
		return transport(err)
	}
	return false
}

// status is the HTTP status of err, or 0.
func status(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// transport recognises connection failures, including those the SDKs
// report as plain wrapped errors.
func transport(err error) bool {
	if err == nil {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, net.ErrClosed) {
		return true
	}
	s := err.Error()
	for _, m := range []string{"connection refused", "connection reset", "EOF", "broken pipe", "no such host"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
