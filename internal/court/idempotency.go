package court

import "time"

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
