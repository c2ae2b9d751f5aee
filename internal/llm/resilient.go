package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"github.com/sony/gobreaker/v2"
	"go.opentelemetry.io/otel/trace"

	"github.com/aijudge/aijudge/internal/telemetry"
)

// Policy configures Resilient. The limits a deployment sets have no
// defaults here, so that each is written once, in the caller's settings:
// a zero CallTimeout or MaxConcurrent is no bound, a zero QueueSize no
// queue, a nil Rate no pacing. The fields that tune the retries and the
// breaker take the defaults listed when zero.
type Policy struct {
	// Models is the fallback chain: the first is used, the next ones when
	// it is missing or keeps failing. Required unless requests name their
	// model.
	Models []string
	// CallTimeout bounds one provider request; zero leaves it to
	// MaxElapsed and the caller's context.
	CallTimeout time.Duration
	// MaxAttempts bounds the requests per model (default 3).
	MaxAttempts int
	// MaxElapsed bounds a whole call: queueing, rate waits, retries and
	// fallbacks (default 3×CallTimeout; none when CallTimeout is zero).
	MaxElapsed time.Duration
	// BaseDelay is the first backoff (default 500ms); each retry doubles
	// it, with full jitter, up to MaxDelay (default 20s). A provider's
	// retry hint longer than MaxDelay moves on to the next model instead
	// of waiting.
	BaseDelay, MaxDelay time.Duration
	// MaxConcurrent bounds this process's in-flight calls (zero: no
	// bound); up to QueueSize more wait for a slot, and the rest fail at
	// once as Busy.
	MaxConcurrent, QueueSize int
	// Rate paces requests to the provider; nil means no pacing.
	Rate RateWaiter
	// BreakerFailures consecutive failures open the circuit (default 5)
	// for BreakerOpen (default 30s), during which calls fail at once.
	BreakerFailures int
	BreakerOpen     time.Duration
	// Prices estimates cost; nil means DefaultPrices.
	Prices Prices
	// Log receives retries, fallbacks and breaker changes; nil discards.
	Log *slog.Logger
	// Metrics counts every provider request and the breaker's state; nil
	// counts nothing.
	Metrics *telemetry.Metrics
	// Tracer traces every provider request with the GenAI conventions;
	// nil traces nothing.
	Tracer trace.Tracer
}

func (p *Policy) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(d *int, v int) {
		if *d <= 0 {
			*d = v
		}
	}
	if p.CallTimeout > 0 {
		def(&p.MaxElapsed, 3*p.CallTimeout)
	}
	def(&p.BaseDelay, 500*time.Millisecond)
	def(&p.MaxDelay, 20*time.Second)
	def(&p.BreakerOpen, 30*time.Second)
	defInt(&p.MaxAttempts, 3)
	defInt(&p.BreakerFailures, 5)
	p.QueueSize = max(p.QueueSize, 0)
	if p.Prices == nil {
		p.Prices = DefaultPrices()
	}
	if p.Log == nil {
		p.Log = slog.New(slog.DiscardHandler)
	}
}

// The RetryAfter of the failures this process decides on its own.
const (
	// busyRetryAfter is what a caller refused for a full queue is told
	// to wait: about one typical LLM call.
	busyRetryAfter = 5 * time.Second
	// budgetRetryAfter is what a caller the RateWaiter held back is told
	// to wait.
	budgetRetryAfter = 10 * time.Second
)

// Resilient makes one Provider's calls the way production needs them
// made: per-request deadlines, retries with backoff that honour the
// provider's hints, a model fallback chain, a circuit breaker, a bounded
// concurrency queue, request pacing, metrics, traces and cost estimates.
//
// It is not a Provider and cannot be wrapped again. Where a Provider makes
// exactly one request per call to the model the Request names, one
// Resilient call may make several (MaxAttempts per model of the chain,
// all within MaxElapsed), picks the model from the chain when the Request
// names none, fills Response's Latency, Attempts and Cost, and fails only
// with an *Error. Identical concurrent calls are not shared: each is made.
// It is safe for concurrent use.
type Resilient struct {
	p        Provider
	pol      Policy
	cb       *gobreaker.CircuitBreaker[*Response]
	openedAt atomic.Int64
	slots    chan struct{} // nil: no bound
	queued   atomic.Int64
}

// NewResilient wraps p according to pol.
func NewResilient(p Provider, pol Policy) *Resilient {
	pol.defaults()
	r := &Resilient{p: p, pol: pol}
	if pol.MaxConcurrent > 0 {
		r.slots = make(chan struct{}, pol.MaxConcurrent)
	}
	r.cb = gobreaker.NewCircuitBreaker[*Response](gobreaker.Settings{
		Name:        p.Name(),
		MaxRequests: 1,
		Interval:    time.Minute,
		Timeout:     pol.BreakerOpen,
		ReadyToTrip: func(c gobreaker.Counts) bool {
			return c.ConsecutiveFailures >= uint32(pol.BreakerFailures)
		},
		// Only failures that say something about the provider's health
		// count: a 400 is ours, a 429 is quota, a cancel is the user's.
		// A success counts too: it ends a run of failures and closes a
		// half-open circuit.
		IsExcluded: func(err error) bool {
			return err != nil && (!retryable(err) || classify(err) == RateLimited)
		},
		OnStateChange: func(name string, from, to gobreaker.State) {
			if to == gobreaker.StateOpen {
				r.openedAt.Store(time.Now().UnixNano())
			}
			pol.Metrics.SetCircuitBreakerState(name, telemetry.BreakerState(to))
			pol.Log.Warn("llm circuit breaker", "provider", name, "from", from.String(), "to", to.String())
		},
	})
	pol.Metrics.SetCircuitBreakerState(p.Name(), telemetry.BreakerClosed)
	return r
}

// ProviderName is the wrapped Provider's name.
func (r *Resilient) ProviderName() string { return r.p.Name() }

// Models returns the fallback chain.
func (r *Resilient) Models() []string { return r.pol.Models }

// Generate makes a complete call.
func (r *Resilient) Generate(ctx context.Context, req *Request) (*Response, error) {
	return r.do(ctx, req, nil)
}

// Stream makes a streamed call, passing the answer's text to delta as it
// arrives. A failed request is retried only while it has not delivered
// any text, so that delta never sees text twice.
func (r *Resilient) Stream(ctx context.Context, req *Request, delta func(string)) (*Response, error) {
	if delta == nil {
		delta = func(string) {}
	}
	return r.do(ctx, req, delta)
}

func (r *Resilient) do(caller context.Context, req *Request, delta func(string)) (*Response, error) {
	resp, err := r.try(caller, req, delta)
	if err == nil {
		return resp, nil
	}
	if end := caller.Err(); end != nil && err.Class != classify(end) {
		// Whatever the last request met, the caller's own end is why
		// the call stopped.
		return nil, r.fail(end)
	}
	return nil, err
}

// try makes the call within MaxElapsed.
func (r *Resilient) try(ctx context.Context, req *Request, delta func(string)) (*Response, *Error) {
	start := time.Now()
	if r.pol.MaxElapsed > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.pol.MaxElapsed)
		defer cancel()
	}
	name := r.p.Name()

	release, busy := r.acquire(ctx)
	if busy != nil {
		return nil, busy
	}
	defer release()

	models := r.pol.Models
	if req.Model != "" {
		models = []string{req.Model}
	}
	if len(models) == 0 {
		return nil, &Error{Class: NoModel, Provider: name}
	}

	var emitted atomic.Bool
	var send func(string)
	if delta != nil {
		send = func(s string) {
			if s != "" {
				emitted.Store(true)
				delta(s)
			}
		}
	}

	attempts := 0
	var last error
models:
	for mi, model := range models {
		if mi > 0 {
			r.pol.Log.Warn("llm falling back to next model", "provider", name, "model", model, "after", models[mi-1], "err", errString(last))
		}
		for a := 1; a <= r.pol.MaxAttempts; a++ {
			if held := r.wait(ctx); held != nil {
				return nil, held
			}
			attempts++
			resp, err := r.call(ctx, model, req, send)
			if err == nil {
				resp.Latency = time.Since(start)
				resp.Attempts = attempts
				if resp.Model == "" {
					resp.Model = model
				}
				resp.Cost = r.pol.Prices.Cost(resp.Model, resp.InputTokens, resp.OutputTokens)
				return resp, nil
			}
			last = err
			if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
				return nil, &Error{Class: CircuitOpen, Provider: name, RetryAfter: r.openRemaining(), Err: err}
			}
			switch {
			case emitted.Load():
				return nil, r.fail(err)
			case status(err) == 404:
				continue models // the model does not exist here
			case !retryable(err):
				return nil, r.fail(err)
			}
			hint := retryHint(err)
			if a == r.pol.MaxAttempts || hint > r.pol.MaxDelay {
				continue models
			}
			d := r.backoff(a, hint)
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
				break models
			}
			r.pol.Log.Warn("llm call failed; retrying", "provider", name, "model", model, "attempt", a, "delay", d, "err", errString(err))
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				break models
			}
		}
	}
	return nil, r.fail(last)
}

// fail turns what a provider request returned into the call's *Error.
func (r *Resilient) fail(err error) *Error {
	if err == nil {
		err = errors.New("no request was made")
	}
	var e *Error
	if errors.As(err, &e) && e == err {
		return e
	}
	out := &Error{Class: classify(err), Provider: r.p.Name(), Err: err}
	if e != nil {
		out.Status, out.RetryAfter = e.Status, e.RetryAfter
	}
	return out
}

// retryHint is the provider's own retry hint in err, or 0.
func retryHint(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// call makes one provider request under the breaker and the per-call
// deadline.
func (r *Resilient) call(ctx context.Context, model string, req *Request, delta func(string)) (resp *Response, err error) {
	var cctx context.Context
	var cancel context.CancelFunc
	if r.pol.CallTimeout > 0 {
		cctx, cancel = context.WithTimeout(ctx, r.pol.CallTimeout)
	} else {
		cctx, cancel = context.WithCancel(ctx)
	}
	defer cancel()
	rq := *req
	rq.Model = model
	start := time.Now()
	cctx, span := telemetry.StartLLMSpan(cctx, r.pol.Tracer, r.p.Name(), model)
	defer func() {
		var in, out int64
		if resp != nil {
			in, out = resp.InputTokens, resp.OutputTokens
		}
		telemetry.EndLLMSpan(span, in, out, err)
		c := telemetry.LLMCall{Provider: r.p.Name(), Model: model, Status: callStatus(err),
			Duration: time.Since(start), InputTokens: in, OutputTokens: out}
		if err == nil {
			c.Cost = r.pol.Prices.Cost(model, in, out)
		}
		r.pol.Metrics.ObserveLLMCall(c)
	}()
	resp, err = r.cb.Execute(func() (*Response, error) {
		if delta != nil {
			return r.p.Stream(cctx, &rq, delta)
		}
		return r.p.Generate(cctx, &rq)
	})
	if err != nil && cctx.Err() == context.DeadlineExceeded && !errors.Is(err, ErrTimeout) {
		err = fmt.Errorf("%w after %s: %w", ErrTimeout, time.Since(start).Round(time.Millisecond), err)
	}
	if err == nil && resp == nil {
		err = ErrInvalidAnswer
	}
	return resp, err
}

// acquire takes a concurrency slot, waiting in the bounded queue. The
// calls holding a slot and waiting for one are exported as gauges.
func (r *Resilient) acquire(ctx context.Context) (func(), *Error) {
	m, name := r.pol.Metrics, r.p.Name()
	m.LLMCallInFlight(name, 0) // the series exists before the first call
	if r.slots == nil {
		m.LLMCallInFlight(name, 1)
		return func() { m.LLMCallInFlight(name, -1) }, nil
	}
	release := func() {
		<-r.slots
		m.LLMCallInFlight(name, -1)
	}
	select {
	case r.slots <- struct{}{}:
		m.LLMCallInFlight(name, 1)
		return release, nil
	default:
	}
	if r.queued.Add(1) > int64(r.pol.QueueSize) {
		r.queued.Add(-1)
		return nil, &Error{Class: Busy, Provider: name, RetryAfter: busyRetryAfter}
	}
	m.LLMCallWaiting(name, 1)
	defer func() {
		r.queued.Add(-1)
		m.LLMCallWaiting(name, -1)
	}()
	select {
	case r.slots <- struct{}{}:
		m.LLMCallInFlight(name, 1)
		return release, nil
	case <-ctx.Done():
		return nil, &Error{Class: Busy, Provider: name, RetryAfter: busyRetryAfter, Err: ctx.Err()}
	}
}

func (r *Resilient) wait(ctx context.Context) *Error {
	if r.pol.Rate == nil {
		return nil
	}
	if err := r.pol.Rate.Wait(ctx, r.p.Name()); err != nil {
		return &Error{Class: OverBudget, Provider: r.p.Name(), RetryAfter: budgetRetryAfter, Err: err}
	}
	return nil
}

// backoff is exponential with full jitter, never shorter than the
// provider's own hint.
func (r *Resilient) backoff(attempt int, hint time.Duration) time.Duration {
	ceil := min(r.pol.BaseDelay<<(attempt-1), r.pol.MaxDelay)
	d := time.Duration(rand.Int64N(int64(ceil) + 1))
	return max(d, hint)
}

func (r *Resilient) openRemaining() time.Duration {
	at := r.openedAt.Load()
	if at == 0 {
		return r.pol.BreakerOpen
	}
	left := r.pol.BreakerOpen - time.Since(time.Unix(0, at))
	return max(left, time.Second).Round(time.Second)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// callStatus is the metrics' word for how one provider request ended.
func callStatus(err error) string {
	switch {
	case err == nil:
		return telemetry.LLMStatusOK
	case errors.Is(err, gobreaker.ErrOpenState), errors.Is(err, gobreaker.ErrTooManyRequests):
		return telemetry.LLMStatusCircuitOpen
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return telemetry.LLMStatusTimeout
	case errors.Is(err, context.Canceled):
		return telemetry.LLMStatusCanceled
	case errors.Is(err, ErrInvalidAnswer):
		return telemetry.LLMStatusInvalidAnswer
	case status(err) == 429:
		return telemetry.LLMStatusRateLimited
	}
	return telemetry.LLMStatusError
}
