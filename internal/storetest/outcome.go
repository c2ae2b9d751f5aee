package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

// A write that carries a claimed request records the request's outcome in
// its own transaction (court.RespondOnCommit). The tests below play the
// web layer after a lost answer: the store method succeeds, the caller
// believes it failed and abandons the key, the client retries.

// respondWith returns a context carrying r and the response a write of T
// records for it.
func respondWith[T any](t *testing.T, r *court.IdempotentRequest, respond func(T) *court.IdempotentResponse) context.Context {
	return court.RespondOnCommit(court.WithIdempotentRequest(ctx(t), r), func(v T) (*court.IdempotentResponse, error) {
		return respond(v), nil
	})
}

func filedResponse(id string) *court.IdempotentResponse {
	return &court.IdempotentResponse{Status: 201, ContentType: "application/json", Location: "/api/cases/" + id,
		Body: fmt.Appendf(nil, `{"caseId":%q,"status":"filed","success":true}`+"\n", id)}
}

// wantReplay fails t unless a retry of r gets want.
func wantReplay(t *testing.T, s IdempotencyStore, r *court.IdempotentRequest, want *court.IdempotentResponse) {
	t.Helper()
	got := begin(t, s, retry(r, r.Fingerprint))
	if got == nil {
		t.Fatal("the retry after a lost answer ran again; want the recorded response")
	}
	if d := diff(want, got); d != "" {
		t.Fatalf("replay (-want +got):\n%s", d)
	}
}

func testIdemLostAnswerFiling(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	r := idemRequest("file")
	begin(t, s, r)
	c := newCase(clk)
	must(t, s.CreateCase(respondWith(t, r, func(c *court.Case) *court.IdempotentResponse { return filedResponse(c.ID) }), c))
	// The commit's acknowledgement was lost: the caller abandons the key.
	must(t, s.AbandonIdempotent(ctx(t), r))
	wantReplay(t, s, r, filedResponse(c.ID))
	get(t, s, c.ID)
	// The wrapper's own Finish, arriving after the write recorded the
	// outcome, changes nothing.
	must(t, s.FinishIdempotent(ctx(t), r, &court.IdempotentResponse{Status: 503}))
	wantReplay(t, s, r, filedResponse(c.ID))
}

func testIdemLostAnswerArgument(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	c := fixture(t, s, clk, true)
	r := idemRequest("argue")
	begin(t, s, r)
	a := newArgument(clk, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), a, time.Minute))
	answer(a)
	argued := func(a *court.Argument) *court.IdempotentResponse {
		return &court.IdempotentResponse{Status: 200, ContentType: "application/json",
			Body: fmt.Appendf(nil, `{"id":%q,"seq":%d}`+"\n", a.ID, a.Seq)}
	}
	must(t, s.CompleteArgument(respondWith(t, r, argued), a, nil))
	if a.Seq != 1 {
		t.Fatalf("Seq %d, want 1", a.Seq)
	}
	// The service releases the slot after an error; an answered argument
	// stays.
	must(t, s.ReleaseArgument(ctx(t), c.ID, a.ID))
	must(t, s.AbandonIdempotent(ctx(t), r))
	wantReplay(t, s, r, argued(a))
	if got := get(t, s, c.ID); len(got.Arguments) != 1 || got.Arguments[0].ID != a.ID {
		t.Fatalf("arguments after the lost answer: %+v, want the one", got.Arguments)
	}
}

// testIdemLostAnswerOwner: in accounts mode a filing ends with its
// owner's membership, which records the outcome.
func testIdemLostAnswerOwner(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	u := addUser(t, s, clk, "owner@example.com")
	r := idemRequest("file")
	begin(t, s, r)
	ctx := respondWith(t, r, func(m *auth.Member) *court.IdempotentResponse { return filedResponse(m.CaseID) })
	c := newCase(clk)
	must(t, s.CreateCase(ctx, c)) // not the filing's last write: records nothing
	if _, err := s.BeginIdempotent(ctx, retry(r, r.Fingerprint)); court.ErrorCode(err) != court.EConflict {
		t.Fatalf("after the case, before the owner: %v, want the key in flight", err)
	}
	must(t, s.AddMember(ctx, &auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: clk.now()}))
	must(t, s.AbandonIdempotent(ctx, r))
	wantReplay(t, s, r, filedResponse(c.ID))
}

// testIdemFailedWrite: a write that is refused records nothing, and the
// key is released for the retry.
func testIdemFailedWrite(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	c := fixture(t, s, clk, false)
	r := idemRequest("file")
	begin(t, s, r)
	dup := newCase(clk)
	dup.ID = c.ID
	err := s.CreateCase(respondWith(t, r, func(c *court.Case) *court.IdempotentResponse { return filedResponse(c.ID) }), dup)
	wantCode(t, err, court.EConflict, "CreateCase with a used id")
	must(t, s.AbandonIdempotent(ctx(t), r))
	if replay := begin(t, s, retry(r, r.Fingerprint)); replay != nil {
		t.Fatalf("a refused write recorded a response: %+v", replay)
	}
}

// testIdemOtherWrite: only a write of the type the handler named settles
// the request; a request without a response function settles with none.
func testIdemOtherWrite(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	r := idemRequest("argue")
	begin(t, s, r)
	ctx := respondWith(t, r, func(a *court.Argument) *court.IdempotentResponse { return &court.IdempotentResponse{Status: 200} })
	c := newCase(clk)
	must(t, s.CreateCase(ctx, c))
	must(t, s.AddJudgment(ctx, newJudgment(clk, c.ID, court.Tentative)))
	must(t, s.CreateCase(court.WithIdempotentRequest(ctx, r), newCase(clk)))
	must(t, s.AbandonIdempotent(ctx, r))
	if replay := begin(t, s, retry(r, r.Fingerprint)); replay != nil {
		t.Fatalf("a write of another kind recorded a response: %+v", replay)
	}
}

// testIdemWriteAfterTakeOver: once a retry has taken the key over, the
// first attempt's write is refused, so that the request is carried out
// once, by the retry.
func testIdemWriteAfterTakeOver(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	r := idemRequest("file")
	r.Lease = 50 * time.Millisecond
	begin(t, s, r)
	time.Sleep(150 * time.Millisecond)
	next := retry(r, r.Fingerprint)
	begin(t, s, next)
	c := newCase(clk)
	err := s.CreateCase(respondWith(t, r, func(c *court.Case) *court.IdempotentResponse { return filedResponse(c.ID) }), c)
	wantCode(t, err, court.EConflict, "CreateCase by the attempt that lost its key")
	if _, err := s.Case(ctx(t), c.ID); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("the refused filing was stored: %v", err)
	}
	c2 := newCase(clk)
	must(t, s.CreateCase(respondWith(t, next, func(c *court.Case) *court.IdempotentResponse { return filedResponse(c.ID) }), c2))
	wantReplay(t, s, r, filedResponse(c2.ID))
}

// testSweep: Sweep deletes the sessions, invitations (used or not) and
// idempotency keys past their expiry, and nothing else.
func testSweep(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	now := time.Now().Truncate(time.Microsecond)
	u := addUser(t, s, clk, "sweep@example.com")
	c := fixture(t, s, clk, false)
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: clk.now()}))

	session := func(expires time.Time) *auth.Session {
		sess := &auth.Session{ID: court.NewID(), UserID: u.ID, CreatedAt: expires.Add(-time.Hour), ExpiresAt: expires}
		must(t, s.CreateSession(ctx(t), sess))
		return sess
	}
	oldSession, liveSession := session(now.Add(-time.Minute)), session(now.Add(time.Hour))
	revokedLive := session(now.Add(time.Hour))
	must(t, s.RevokeSession(ctx(t), revokedLive.ID, now))

	invite := func(expires time.Time) *auth.Invite {
		inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver,
			CreatedBy: u.ID, CreatedAt: expires.Add(-time.Hour), ExpiresAt: expires}
		must(t, s.CreateInvite(ctx(t), inv))
		return inv
	}
	invite(now.Add(-time.Minute))
	liveInvite := invite(now.Add(time.Hour))
	guest := addUser(t, s, clk, "guest@example.com")
	used := invite(now.Add(time.Second))
	if _, err := s.AcceptInvite(ctx(t), used.TokenHash, guest.ID, now); err != nil {
		t.Fatal(err)
	}

	oldKey := idemRequest("old")
	oldKey.TTL = 50 * time.Millisecond
	begin(t, s, oldKey)
	must(t, s.FinishIdempotent(ctx(t), oldKey, &court.IdempotentResponse{Status: 200, Body: []byte("{}")}))
	liveKey := idemRequest("live")
	begin(t, s, liveKey)
	must(t, s.FinishIdempotent(ctx(t), liveKey, &court.IdempotentResponse{Status: 200, Body: []byte("{}")}))
	time.Sleep(100 * time.Millisecond)

	swept, err := s.Sweep(ctx(t), time.Now())
	must(t, err)
	if want := (court.Swept{Sessions: 1, Invites: 1, IdempotencyKeys: 1}); swept != want {
		t.Fatalf("Sweep: %+v, want %+v", swept, want)
	}
	if _, err := s.Session(ctx(t), oldSession.ID); court.ErrorCode(err) != court.ENotFound {
		t.Errorf("expired session: %v, want it gone", err)
	}
	for _, id := range []string{liveSession.ID, revokedLive.ID} {
		if _, err := s.Session(ctx(t), id); err != nil {
			t.Errorf("session not yet expired: %v", err)
		}
	}
	list, err := s.Invites(ctx(t), c.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != liveInvite.ID || list[1].ID != used.ID {
		t.Errorf("invitations after the sweep: %+v, want the used and the live one", list)
	}
	if got := begin(t, s, retry(liveKey, "live")); got == nil || got.Status != 200 {
		t.Errorf("live key after the sweep: %+v, want its response", got)
	}

	// Later, the used invitation expires too; a second sweep at once
	// finds nothing more.
	swept, err = s.Sweep(ctx(t), now.Add(2*time.Second))
	must(t, err)
	if swept != (court.Swept{Invites: 1}) {
		t.Errorf("second sweep: %+v, want the used invitation", swept)
	}
	if swept, err := s.Sweep(ctx(t), now.Add(2*time.Second)); err != nil || swept.Total() != 0 {
		t.Errorf("sweep of a clean store: %+v %v", swept, err)
	}
}
