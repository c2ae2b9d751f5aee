// Package ratelimit limits how often a key (a client IP, a user, an LLM
// provider) may act: in process (Memory) or fleet-wide in Redis (Redis),
// with the same semantics, so a deployment switches by configuration alone.
//
// Both use GCRA, the generic cell rate algorithm: a Rule of Limit per
// Window allows a burst of up to Limit requests and then one request every
// Window/Limit. Its state is a single timestamp per key (the theoretical
// arrival time), which makes it exact under concurrency, free of the
// boundary bursts of fixed windows, cheap to keep in Redis, and able to say
// precisely when the next request will be allowed. A key whose timestamp
// lies in the past is indistinguishable from a new key, so idle keys can be
// forgotten without changing any decision.
//
// Note the difference from a fixed window: after an initial burst of Limit
// the bucket refills continuously, so any span of one Window sees at most
// about 2×Limit requests, and on average never more than Limit per Window.
package ratelimit

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Limiter decides whether the holder of key may act now under rule. An
// error means the limiter could not decide; implementations in this package
// only return one for an invalid Rule.
//
// Reset forgets what key has spent, as if it had never acted: a login
// that succeeds clears the failures before it, so that they cannot keep
// the account's owner waiting. An error means the history may remain.
type Limiter interface {
	Allow(ctx context.Context, key string, rule Rule) (Decision, error)
	Reset(ctx context.Context, key string) error
}

// Rule allows Limit requests per Window, with bursts of up to Limit.
type Rule struct {
	Limit  int
	Window time.Duration
}

// ErrInvalidRule is returned for a Rule without a positive Limit and Window.
var ErrInvalidRule = errors.New("ratelimit: rule needs a positive limit and window")

func (r Rule) valid() bool { return r.Limit > 0 && r.Window > 0 && r.Window/time.Duration(r.Limit) > 0 }

// Decision is the outcome of one Allow, with what the rate-limit headers
// need.
type Decision struct {
	Allowed bool
	// Limit is the rule's Limit.
	Limit int
	// Remaining is how many more requests would be allowed right now.
	Remaining int
	// Reset is how long until the full Limit is available again.
	Reset time.Duration
	// RetryAfter is how long until a request would be allowed; zero when
	// Allowed.
	RetryAfter time.Duration
	// Window is the rule's Window, for the policy header.
	Window time.Duration
}

// Headers sets RateLimit-Policy, RateLimit-Limit, RateLimit-Remaining and
// RateLimit-Reset as in draft-ietf-httpapi-ratelimit-headers, and
// Retry-After (RFC 9110) when the request is refused. Durations are whole
// seconds rounded up, so a client that waits them is never early.
func (d Decision) Headers(h http.Header) {
	h.Set("RateLimit-Limit", strconv.Itoa(d.Limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(d.Remaining))
	h.Set("RateLimit-Reset", strconv.FormatInt(ceilSeconds(d.Reset), 10))
	if d.Window > 0 {
		h.Set("RateLimit-Policy", strconv.Itoa(d.Limit)+";w="+strconv.FormatInt(ceilSeconds(d.Window), 10))
	}
	if !d.Allowed {
		h.Set("Retry-After", strconv.FormatInt(max(ceilSeconds(d.RetryAfter), 1), 10))
	}
}

func ceilSeconds(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64((d + time.Second - 1) / time.Second)
}

// gcra decides one request at now for a key whose theoretical arrival time
// is tat (zero for a new key), all in nanoseconds. It returns the decision
// and the new tat to store when allowed.
func gcra(now, tat int64, rule Rule) (Decision, int64) {
	interval := int64(rule.Window / time.Duration(rule.Limit))
	burst := interval * int64(rule.Limit) // ≤ Window after the division
	tat = max(tat, now)
	newTAT := tat + interval
	d := Decision{Limit: rule.Limit, Window: rule.Window}
	if allowAt := newTAT - burst; now < allowAt {
		d.RetryAfter = time.Duration(allowAt - now)
		d.Reset = time.Duration(tat - now)
		return d, tat
	}
	d.Allowed = true
	d.Remaining = int((now + burst - newTAT) / interval)
	d.Reset = time.Duration(newTAT - now)
	return d, newTAT
}
