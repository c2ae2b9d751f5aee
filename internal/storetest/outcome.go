package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

// A write that carries a claimed request records the request's outcome in
// its own transaction (idempotency.Record): the outcome commits with the
// write or not at all. The tests below play the web layer after a lost
// answer: the transaction commits, the caller believes it failed and
// abandons the key, the client retries.

func filedResponse(id string) *idempotency.Response {
	return &idempotency.Response{Status: 201, ContentType: "application/json", Location: "/api/cases/" + id,
		Body: fmt.Appendf(nil, `{"caseId":%q,"status":"filed","success":true}`+"\n", id)}
}

// fileRecorded files c and records resp as r's outcome, in one
// transaction.
func fileRecorded(t *testing.T, s IdempotencyStore, c *court.Case, r *idempotency.Claim, resp *idempotency.Response) error {
	return s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		return idempotency.Record(tx, r, resp)
	})
}

// wantReplay fails t unless a retry of r gets want.
func wantReplay(t *testing.T, s IdempotencyStore, r *idempotency.Claim, want *idempotency.Response) {
	t.Helper()
	got := begin(t, s, retry(r, r.Fingerprint))
	if got == nil {
		t.Fatal("the retry after a lost answer ran again; want the recorded response")
	}
	if d := diff(want, got); d != "" {
		t.Fatalf("replay (-want +got):\n%s", d)
	}
}

// wantNoReplay fails t unless, after the attempt r abandons the key, a
// retry runs the request again.
func wantNoReplay(t *testing.T, s IdempotencyStore, r *idempotency.Claim, what string) {
	t.Helper()
	must(t, s.AbandonIdempotent(ctx(t), r))
	if replay := begin(t, s, retry(r, r.Fingerprint)); replay != nil {
		t.Fatalf("%s recorded a response: %+v", what, replay)
	}
}

func testIdemLostAnswerFiling(t *testing.T, s IdempotencyStore, _ *Clock) {
	ts := newStamps()
	r := newClaim("file")
	begin(t, s, r)
	c := newCase(ts)
	must(t, fileRecorded(t, s, c, r, filedResponse(c.ID)))
	// The commit's acknowledgement was lost: the caller abandons the key.
	must(t, s.AbandonIdempotent(ctx(t), r))
	wantReplay(t, s, r, filedResponse(c.ID))
	get(t, s, c.ID)
	// The wrapper's own Finish, arriving after the write recorded the
	// outcome, changes nothing.
	must(t, s.FinishIdempotent(ctx(t), r, &idempotency.Response{Status: 503}))
	wantReplay(t, s, r, filedResponse(c.ID))
}

func testIdemLostAnswerArgument(t *testing.T, s IdempotencyStore, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	r := newClaim("argue")
	begin(t, s, r)
	a := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), a, time.Minute))
	answer(a)
	argued := func(a *court.Argument) *idempotency.Response {
		return &idempotency.Response{Status: 200, ContentType: "application/json",
			Body: fmt.Appendf(nil, `{"id":%q,"seq":%d}`+"\n", a.ID, a.Seq)}
	}
	must(t, s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CompleteArgument(a, nil); err != nil {
			return err
		}
		return idempotency.Record(tx, r, argued(a))
	}))
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

// testIdemLostAnswerOwner: in accounts mode a filing, its owner's
// membership and its outcome commit in one transaction.
func testIdemLostAnswerOwner(t *testing.T, s IdempotencyStore, _ *Clock) {
	ts := newStamps()
	u := addUser(t, s, ts, "owner@example.com")
	r := newClaim("file")
	begin(t, s, r)
	c := newCase(ts)
	must(t, s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		if err := tx.(auth.Tx).AddMember(&auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: ts.next()}); err != nil {
			return err
		}
		return idempotency.Record(tx, r, filedResponse(c.ID))
	}))
	must(t, s.AbandonIdempotent(ctx(t), r))
	wantReplay(t, s, r, filedResponse(c.ID))
	if m, err := s.Members(ctx(t), c.ID); err != nil || len(m) != 1 || m[0].UserID != u.ID {
		t.Fatalf("members after the lost answer: %+v %v, want the owner", m, err)
	}
}

// testIdemFailedWrite: a transaction that is refused records nothing,
// even when the outcome was recorded before the refusal, and the key is
// released for the retry.
func testIdemFailedWrite(t *testing.T, s IdempotencyStore, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	r := newClaim("file")
	begin(t, s, r)
	dup := newCase(ts)
	dup.ID = c.ID
	wantCode(t, fileRecorded(t, s, dup, r, filedResponse(dup.ID)), court.EConflict, "CreateCase with a used id")
	wantNoReplay(t, s, r, "a refused write")

	r = newClaim("file")
	begin(t, s, r)
	late := newCase(ts)
	err := s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(late); err != nil {
			return err
		}
		if err := idempotency.Record(tx, r, filedResponse(late.ID)); err != nil {
			return err
		}
		return tx.AddJudgment(newJudgment(ts, late.ID, court.Reconsidered))
	})
	wantCode(t, err, court.EConflict, "a transaction refused after it recorded the outcome")
	if _, err := s.Case(ctx(t), late.ID); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("the refused filing was stored: %v", err)
	}
	wantNoReplay(t, s, r, "a transaction refused after the outcome")
}

// testIdemOtherWrite: only a transaction that records the outcome settles
// the request; writes that do not, or record a nil claim, settle nothing.
func testIdemOtherWrite(t *testing.T, s IdempotencyStore, _ *Clock) {
	ts := newStamps()
	r := newClaim("argue")
	begin(t, s, r)
	c := newCase(ts)
	must(t, createCase(t, s, c))
	must(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Tentative)))
	must(t, fileRecorded(t, s, newCase(ts), nil, &idempotency.Response{Status: 201}))
	wantNoReplay(t, s, r, "a write of another request")
}

// testIdemWriteAfterTakeOver: once a retry has taken the key over, the
// first attempt's write is refused and stores nothing, so that the request
// is carried out once, by the retry.
func testIdemWriteAfterTakeOver(t *testing.T, s IdempotencyStore, clock *Clock) {
	ts := newStamps()
	r := newClaim("file")
	r.Lease = 50 * time.Millisecond
	begin(t, s, r)
	clock.Advance(150 * time.Millisecond)
	next := retry(r, r.Fingerprint)
	begin(t, s, next)
	c := newCase(ts)
	err := fileRecorded(t, s, c, r, filedResponse(c.ID))
	wantCode(t, err, court.EConflict, "CreateCase by the attempt that lost its key")
	if !errors.Is(err, idempotency.ErrTakenOver) {
		t.Errorf("error %v, want ErrTakenOver", err)
	}
	if _, err := s.Case(ctx(t), c.ID); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("the refused filing was stored: %v", err)
	}
	c2 := newCase(ts)
	must(t, fileRecorded(t, s, c2, next, filedResponse(c2.ID)))
	wantReplay(t, s, r, filedResponse(c2.ID))
}

// testSweep: Sweep deletes the sessions, invitations (used or not) and
// idempotency keys past their expiry, and nothing else.
func testSweep(t *testing.T, s IdempotencyStore, clock *Clock) {
	ts := newStamps()
	now := clock.Now()
	u := addUser(t, s, ts, "sweep@example.com")
	c := fixture(t, s, ts, false)
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: ts.next()}))

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
		must(t, s.CreateInvite(ctx(t), inv, court.Stamp{}))
		return inv
	}
	invite(now.Add(-time.Minute))
	liveInvite := invite(now.Add(time.Hour))
	guest := addUser(t, s, ts, "guest@example.com")
	used := invite(now.Add(time.Second))
	if _, err := s.AcceptInvite(ctx(t), used.TokenHash, guest.ID, now, court.Stamp{}); err != nil {
		t.Fatal(err)
	}

	oldKey := newClaim("old")
	oldKey.TTL = 50 * time.Millisecond
	begin(t, s, oldKey)
	must(t, s.FinishIdempotent(ctx(t), oldKey, &idempotency.Response{Status: 200, Body: []byte("{}")}))
	liveKey := newClaim("live")
	begin(t, s, liveKey)
	must(t, s.FinishIdempotent(ctx(t), liveKey, &idempotency.Response{Status: 200, Body: []byte("{}")}))
	clock.Advance(100 * time.Millisecond)

	swept, err := s.Sweep(ctx(t), clock.Now())
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
