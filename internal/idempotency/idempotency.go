// Package idempotency keeps the outcome of requests that carry an
// Idempotency-Key, so that a client can retry a request that files a case
// or calls the judge without filing twice or paying the judge twice. The
// web layer claims a key (Store.BeginIdempotent), runs the request and
// records its response; the write that carries a request out records the
// response in its own transaction (Tx.RecordOutcome), so "the write
// committed" and "the key holds its response" are one fact. Both stores
// implement Store and give transactions that implement Tx.
package idempotency

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// Claim is one attempt at a request that carries an Idempotency-Key.
type Claim struct {
	// Key identifies the request within its scope: the web layer hashes
	// the client's scope (address or user) and the header together, so
	// two clients never share a key.
	Key string
	// Fingerprint is a hash of what was asked (method, path, body); the
	// same key with another fingerprint is refused.
	Fingerprint string
	// Owner is a random id of this attempt: Finish, Abandon and
	// RecordOutcome take effect only while the attempt still owns the key.
	Owner string
	// Lease bounds how long the attempt holds the key; an attempt whose
	// process died is taken over once its lease has run out.
	Lease time.Duration
	// TTL is how long the key and its outcome are kept from the first
	// attempt on.
	TTL time.Duration
}

// Response is the stored outcome of a request, served again to its
// retries.
type Response struct {
	Status      int
	ContentType string
	Location    string
	Body        []byte
}

// Store keeps claims and outcomes, durably and shared by every replica,
// so that a retry reaching any replica gets the first attempt's response.
type Store interface {
	// BeginIdempotent claims c.Key for this attempt (nil, nil), returns
	// the stored response of an earlier attempt, or refuses:
	// ErrKeyReused (another request used the key) or an EConflict with
	// RetryAfter (an earlier attempt is still running, InFlight).
	BeginIdempotent(ctx context.Context, c *Claim) (*Response, error)
	// FinishIdempotent stores the attempt's response for its retries. It
	// does nothing if the attempt no longer owns the key.
	FinishIdempotent(ctx context.Context, c *Claim, resp *Response) error
	// AbandonIdempotent frees the key after a failure, so a retry runs
	// the request again, unless the attempt's outcome was recorded by the
	// write that carried it out (Tx.RecordOutcome): a write whose commit
	// was acknowledged too late for the handler is answered, not
	// repeated.
	AbandonIdempotent(ctx context.Context, c *Claim) error
}

// Tx is the part of a store's write transaction that records an outcome
// with the write that settles the request.
type Tx interface {
	// RecordOutcome stores resp as c's outcome in the transaction. If the
	// attempt lost its key to a retry (its lease ran out), it returns
	// ErrTakenOver and the transaction must not commit: the retry is
	// carrying the request out.
	RecordOutcome(c *Claim, resp *Response) error
}

// Record records resp as c's outcome in tx, a store transaction (both
// stores' transactions implement Tx). A nil claim records nothing.
func Record(tx any, c *Claim, resp *Response) error {
	if c == nil {
		return nil
	}
	t, ok := tx.(Tx)
	if !ok {
		return court.Errorf(court.EInternal, "This store cannot record the outcome of a request.")
	}
	return t.RecordOutcome(c, resp)
}

// The refusals, worded for clients.
var (
	// ErrKeyReused: the key was first used for another request.
	ErrKeyReused = court.Errorf(court.EUnprocessable, "This Idempotency-Key was already used for a different request.")
	// ErrInFlight: the first request with the key is still running; see
	// InFlight.
	ErrInFlight = court.Errorf(court.EConflict, "A request with this Idempotency-Key is still being processed; retry after the time in Retry-After.")
	// ErrTakenOver: the attempt's lease ran out and a retry took the key
	// over; the write is refused so that only the retry carries out the
	// request.
	ErrTakenOver = court.Errorf(court.EConflict, "A retry of this request with the same Idempotency-Key took it over; that retry's answer is the one that counts.")
)

// InFlight returns ErrInFlight with a Retry-After of at least one second
// and at most five, and no more than remaining.
func InFlight(remaining time.Duration) *court.Error {
	e := *ErrInFlight
	e.RetryAfter = min(max(remaining, time.Second), 5*time.Second)
	return &e
}
