package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

// IdempotencyStore is what a store offers the web layer's idempotency
// keys, with the transactions that record a request's outcome
// (idempotency.Tx) and the sweep of expired keys.
type IdempotencyStore interface {
	AccountStore
	idempotency.Store
	Sweep(ctx context.Context, now time.Time) (court.Swept, error)
}

// IdempotencyOpener returns a fresh, migrated store of its own for t,
// whose clock is now.
type IdempotencyOpener func(t *testing.T, now func() time.Time) IdempotencyStore

// RunIdempotency runs the idempotency-key suite against the stores open
// returns: the first attempt wins, retries get its response, a reused key
// and a key in flight are refused, failed attempts release the key, and
// leases and expiry hold by the store's clock; a write carrying a request
// records its outcome in the write's transaction; Sweep deletes what
// expired.
func RunIdempotency(t *testing.T, open IdempotencyOpener) {
	tests := []struct {
		name string
		fn   func(*testing.T, IdempotencyStore, *Clock)
	}{
		{"Replay", testIdemReplay},
		{"Reused", testIdemReused},
		{"InFlight", testIdemInFlight},
		{"Abandon", testIdemAbandon},
		{"LeaseTakeOver", testIdemLeaseTakeOver},
		{"Expiry", testIdemExpiry},
		{"Race", testIdemRace},
		{"LostAnswerFiling", testIdemLostAnswerFiling},
		{"LostAnswerArgument", testIdemLostAnswerArgument},
		{"LostAnswerOwner", testIdemLostAnswerOwner},
		{"FailedWriteRecordsNothing", testIdemFailedWrite},
		{"OtherWriteRecordsNothing", testIdemOtherWrite},
		{"WriteAfterTakeOver", testIdemWriteAfterTakeOver},
		{"AuditTakenOver", testAuditTakenOver},
		{"Sweep", testSweep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := NewClock()
			tt.fn(t, open(t, clock.Now), clock)
		})
	}
}

func newClaim(fingerprint string) *idempotency.Claim {
	return &idempotency.Claim{
		Key: "k-" + court.NewID(), Fingerprint: fingerprint, Owner: court.NewID(),
		Lease: time.Minute, TTL: 24 * time.Hour,
	}
}

// retry is another attempt at r: same key, a new owner.
func retry(r *idempotency.Claim, fingerprint string) *idempotency.Claim {
	c := *r
	c.Owner, c.Fingerprint = court.NewID(), fingerprint
	return &c
}

func begin(t *testing.T, s IdempotencyStore, r *idempotency.Claim) *idempotency.Response {
	t.Helper()
	replay, err := s.BeginIdempotent(ctx(t), r)
	if err != nil {
		t.Fatalf("BeginIdempotent: %v", err)
	}
	return replay
}

func testIdemReplay(t *testing.T, s IdempotencyStore, _ *Clock) {
	r := newClaim("fp1")
	if replay := begin(t, s, r); replay != nil {
		t.Fatalf("first attempt got a replay: %+v", replay)
	}
	want := &idempotency.Response{Status: 201, ContentType: "application/json",
		Location: "/api/cases/x", Body: []byte(`{"success":true,"caseId":"x"}` + "\n")}
	must(t, s.FinishIdempotent(ctx(t), r, want))
	for range 2 {
		got := begin(t, s, retry(r, "fp1"))
		if d := diff(want, got); d != "" {
			t.Fatalf("replay (-want +got):\n%s", d)
		}
	}
	// A stale owner finishing late changes nothing.
	must(t, s.FinishIdempotent(ctx(t), retry(r, "fp1"), &idempotency.Response{Status: 200}))
	if got := begin(t, s, retry(r, "fp1")); got.Status != 201 {
		t.Fatalf("replay after a stale Finish: %d, want 201", got.Status)
	}
	// Another key is independent.
	if replay := begin(t, s, newClaim("fp1")); replay != nil {
		t.Fatalf("a new key got a replay: %+v", replay)
	}
}

func testIdemReused(t *testing.T, s IdempotencyStore, _ *Clock) {
	r := newClaim("fp1")
	begin(t, s, r)
	_, err := s.BeginIdempotent(ctx(t), retry(r, "fp2"))
	wantCode(t, err, court.EUnprocessable, "same key, other request, in flight")
	must(t, s.FinishIdempotent(ctx(t), r, &idempotency.Response{Status: 200, Body: []byte("{}")}))
	_, err = s.BeginIdempotent(ctx(t), retry(r, "fp2"))
	wantCode(t, err, court.EUnprocessable, "same key, other request, finished")
}

func testIdemInFlight(t *testing.T, s IdempotencyStore, clock *Clock) {
	r := newClaim("fp1")
	begin(t, s, r)
	_, err := s.BeginIdempotent(ctx(t), retry(r, "fp1"))
	wantCode(t, err, court.EConflict, "same key in flight")
	if d := court.RetryAfter(err); d < time.Second || d > time.Minute {
		t.Errorf("Retry-After %v, want between 1 s and the lease", d)
	}
	// Retry-After is what remains of the lease by the store's clock.
	clock.Advance(r.Lease - 2*time.Second)
	_, err = s.BeginIdempotent(ctx(t), retry(r, "fp1"))
	wantCode(t, err, court.EConflict, "same key in flight near the end of its lease")
	if d := court.RetryAfter(err); d != 2*time.Second {
		t.Errorf("Retry-After %v with 2 s of the lease left, want 2 s", d)
	}
}

func testIdemAbandon(t *testing.T, s IdempotencyStore, _ *Clock) {
	r := newClaim("fp1")
	begin(t, s, r)
	// Only the owner may abandon.
	must(t, s.AbandonIdempotent(ctx(t), retry(r, "fp1")))
	_, err := s.BeginIdempotent(ctx(t), retry(r, "fp1"))
	wantCode(t, err, court.EConflict, "in flight after a stranger's Abandon")

	must(t, s.AbandonIdempotent(ctx(t), r))
	again := retry(r, "fp2") // after a failure the key is free for anything
	if replay := begin(t, s, again); replay != nil {
		t.Fatalf("retry after Abandon got a replay: %+v", replay)
	}
	must(t, s.FinishIdempotent(ctx(t), again, &idempotency.Response{Status: 404, ContentType: "application/problem+json", Body: []byte("{}")}))
	// A finished key cannot be abandoned.
	must(t, s.AbandonIdempotent(ctx(t), again))
	if got := begin(t, s, retry(r, "fp2")); got == nil || got.Status != 404 {
		t.Fatalf("replay after Finish and Abandon: %+v, want 404", got)
	}
}

func testIdemLeaseTakeOver(t *testing.T, s IdempotencyStore, clock *Clock) {
	r := newClaim("fp1")
	r.Lease = 50 * time.Millisecond
	begin(t, s, r)
	clock.Advance(40 * time.Millisecond)
	_, err := s.BeginIdempotent(ctx(t), retry(r, "fp1"))
	wantCode(t, err, court.EConflict, "in flight before the lease ran out")
	clock.Advance(110 * time.Millisecond)
	next := retry(r, "fp1")
	next.Lease = time.Minute
	if replay := begin(t, s, next); replay != nil {
		t.Fatalf("take-over got a replay: %+v", replay)
	}
	// The first attempt lost the key: its late Finish is ignored.
	must(t, s.FinishIdempotent(ctx(t), r, &idempotency.Response{Status: 200, Body: []byte("old")}))
	_, err = s.BeginIdempotent(ctx(t), retry(r, "fp1"))
	wantCode(t, err, court.EConflict, "in flight after take-over")
	must(t, s.FinishIdempotent(ctx(t), next, &idempotency.Response{Status: 200, Body: []byte("new")}))
	if got := begin(t, s, retry(r, "fp1")); string(got.Body) != "new" {
		t.Fatalf("replay %q, want the new owner's", got.Body)
	}
}

func testIdemExpiry(t *testing.T, s IdempotencyStore, clock *Clock) {
	r := newClaim("fp1")
	r.TTL = 50 * time.Millisecond
	begin(t, s, r)
	must(t, s.FinishIdempotent(ctx(t), r, &idempotency.Response{Status: 200, Body: []byte("{}")}))
	clock.Advance(40 * time.Millisecond)
	if got := begin(t, s, retry(r, "fp1")); got == nil || got.Status != 200 {
		t.Fatalf("replay before the key expired: %+v, want its response", got)
	}
	clock.Advance(110 * time.Millisecond)
	// Expired: the key is new again, even for another request.
	if replay := begin(t, s, retry(r, "fp2")); replay != nil {
		t.Fatalf("expired key replayed: %+v", replay)
	}
}

// testIdemRace starts many attempts with one key at once: exactly one
// wins, the rest are told it is in flight.
func testIdemRace(t *testing.T, s IdempotencyStore, _ *Clock) {
	r := newClaim("fp1")
	const n = 20
	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		won, inFlight, o int
	)
	for range n {
		wg.Go(func() {
			replay, err := s.BeginIdempotent(ctx(t), retry(r, "fp1"))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil && replay == nil:
				won++
			case court.ErrorCode(err) == court.EConflict:
				inFlight++
			default:
				o++
				t.Errorf("attempt: %v %+v", err, replay)
			}
		})
	}
	wg.Wait()
	if won != 1 || inFlight != n-1 {
		t.Fatalf("%d won, %d in flight, %d other; want 1 and %d", won, inFlight, o, n-1)
	}
}
