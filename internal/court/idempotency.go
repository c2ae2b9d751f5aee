package court

import (
	"context"
	"time"
)

// Idempotency keys let a client retry a request that files a case or
// calls the judge without filing twice or paying the judge twice. The web
// layer declares the store interface it needs (web.IdempotencyStore); the
// records it passes live here so that the stores can implement it without
// importing the web layer.

// IdempotentRequest is one attempt at a request that carries an
// Idempotency-Key.
type IdempotentRequest struct {
	// Key identifies the request within its scope: the web layer hashes
	// the client's scope (address or user) and the header together, so
	// two clients never share a key.
	Key string
	// Fingerprint is a hash of what was asked (method, path, body); the
	// same key with another fingerprint is refused.
	Fingerprint string
	// Owner is a random id of this attempt: Finish and Abandon take
	// effect only while the attempt still owns the key.
	Owner string
	// Lease bounds how long the attempt holds the key; an attempt whose
	// process died is taken over once its lease has run out.
	Lease time.Duration
	// TTL is how long the key and its outcome are kept from the first
	// attempt on.
	TTL time.Duration
}

// IdempotentResponse is the stored outcome of a request, served again to
// its retries.
type IdempotentResponse struct {
	Status      int
	ContentType string
	Location    string
	Body        []byte
}

// The refusals a store returns from BeginIdempotent, worded for clients.
var (
	// ErrIdempotencyKeyReused: the key was first used for another request.
	ErrIdempotencyKeyReused = Errorf(EUnprocessable, "This Idempotency-Key was already used for a different request.")
	// ErrIdempotencyInFlight: the first request with the key is still
	// running; the store sets RetryAfter on the copies it returns.
	ErrIdempotencyInFlight = Errorf(EConflict, "A request with this Idempotency-Key is still being processed; retry after the time in Retry-After.")
)

// IdempotencyInFlight returns ErrIdempotencyInFlight with a Retry-After of
// at least one second and at most remaining.
func IdempotencyInFlight(remaining time.Duration) *Error {
	e := *ErrIdempotencyInFlight
	e.RetryAfter = min(max(remaining, time.Second), 5*time.Second)
	return &e
}

// A request that writes (files a case, records an argument) must not be
// carried out twice, not even when the database commits the write and the
// connection drops before the answer arrives: the caller then sees an
// error, the web layer releases the key, and the client's retry would
// write again. So the write's own transaction also records the request's
// outcome, and "the write committed" and "the key holds its response" are
// one fact. The web layer passes the claimed request and a function that
// builds the response down in the context; the store calls
// IdempotentOutcome inside the transaction of each write that can settle a
// request. Writes that a retry cannot repeat (a second tentative judgment
// or final verdict is refused, and the retry is answered with the first)
// need not take part.

// ErrIdempotencyTakenOver: the attempt's lease ran out and a retry took
// the key over; the write is refused so that only the retry carries out
// the request.
var ErrIdempotencyTakenOver = Errorf(EConflict, "A retry of this request with the same Idempotency-Key took it over; that retry's answer is the one that counts.")

type idempotentWriteKey struct{}

// idempotentWrite is what the context carries for a claimed request.
type idempotentWrite struct {
	req *IdempotentRequest
	// respond builds the response from what the write stored; nil until
	// the handler sets it, and it answers nil for writes of another type.
	respond func(written any) (*IdempotentResponse, error)
}

// WithIdempotentRequest returns a context carrying r, the request whose
// key the caller has claimed.
func WithIdempotentRequest(ctx context.Context, r *IdempotentRequest) context.Context {
	return context.WithValue(ctx, idempotentWriteKey{}, &idempotentWrite{req: r})
}

// RespondOnCommit returns a context in which the store's write of a T
// records respond's answer as the outcome of the request ctx carries, in
// the write's transaction. respond sees the value after the store filled
// in what it assigns (an argument's sequence number). Without a claimed
// request in ctx, ctx is returned unchanged.
func RespondOnCommit[T any](ctx context.Context, respond func(T) (*IdempotentResponse, error)) context.Context {
	w, _ := ctx.Value(idempotentWriteKey{}).(*idempotentWrite)
	if w == nil {
		return ctx
	}
	return context.WithValue(ctx, idempotentWriteKey{}, &idempotentWrite{req: w.req, respond: func(written any) (*IdempotentResponse, error) {
		v, ok := written.(T)
		if !ok {
			return nil, nil
		}
		return respond(v)
	}})
}

// IdempotentOutcome is for stores. Called inside the transaction that
// writes written, it returns the request ctx carries and the response to
// record as its outcome in that transaction, or nil, nil when no request
// is settled by this write. The store records it only if the request
// still owns its key, and otherwise refuses the write with
// ErrIdempotencyTakenOver.
func IdempotentOutcome(ctx context.Context, written any) (*IdempotentRequest, *IdempotentResponse, error) {
	w, _ := ctx.Value(idempotentWriteKey{}).(*idempotentWrite)
	if w == nil || w.respond == nil {
		return nil, nil, nil
	}
	resp, err := w.respond(written)
	if err != nil || resp == nil {
		return nil, nil, err
	}
	return w.req, resp, nil
}
