package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

// The audit tests check that every write made with a court.WithAudit
// context appends its entries in its own transaction: committed together
// with the change, or not at all.

// audited is a context whose writes record their entries for actor.
func audited(t *testing.T, actor string) context.Context {
	return court.WithAudit(court.WithActor(ctx(t), actor), time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC))
}

// verify checks the case's chain and every stored row against it, as
// `aijudge audit verify` does, and returns the entries.
func verify(t *testing.T, s AccountStore, caseID string) []court.AuditEntry {
	t.Helper()
	if _, err := court.NewService(court.Options{Store: s, Audit: s}).VerifyAudit(ctx(t), caseID); err != nil {
		t.Fatalf("VerifyAudit: %v", err)
	}
	return entries(t, s, caseID)
}

func entries(t *testing.T, s AccountStore, caseID string) []court.AuditEntry {
	t.Helper()
	list, err := s.AuditEntries(ctx(t), caseID)
	must(t, err)
	return list
}

func actions(list []court.AuditEntry) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Action + " " + e.Subject
	}
	return out
}

// testAuditWrites: each audited write commits exactly its entries, with
// the actor, in order and chained; writes without WithAudit append none.
func testAuditWrites(t *testing.T, s AccountStore) {
	clk := newClock()
	owner, guest := addUser(t, s, clk, "o@example.com"), addUser(t, s, clk, "g@example.com")
	actx := audited(t, owner.ID)

	c := newCase(clk)
	must(t, s.CreateCase(actx, c))
	want := []string{court.AuditCaseFiled + " " + c.ID}
	for _, d := range append(slices.Clone(c.A.Documents), c.B.Documents...) {
		want = append(want, court.AuditDocumentAdded+" "+d.ID)
	}
	if got := actions(verify(t, s, c.ID)); !slices.Equal(got, want) {
		t.Fatalf("after filing: %q, want %q", got, want)
	}

	d := court.Document{ID: court.NewID(), Side: court.SideB, Name: "reply.txt", MediaType: "text/plain", Size: 5,
		SHA256: "dd44" + c.ID, Chars: 5, Status: court.DocExtracted, Text: "reply", CreatedAt: clk.now()}
	must(t, s.AddDocument(actx, c.ID, &d))
	tentative := newJudgment(clk, c.ID, court.Tentative)
	must(t, s.AddJudgment(actx, tentative))
	a := newArgument(clk, c.ID, court.SideB)
	must(t, s.ReserveArgument(actx, a, minute))
	answer(a)
	revised := newJudgment(clk, c.ID, court.Reconsidered)
	must(t, s.CompleteArgument(actx, a, revised))
	now := clk.now()
	inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleB, CreatedBy: owner.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateInvite(actx, inv))
	accepted, err := s.AcceptInvite(audited(t, guest.ID), inv.TokenHash, guest.ID, clk.now())
	must(t, err)
	now = clk.now()
	inv2 := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver, CreatedBy: owner.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateInvite(actx, inv2))
	revoked, err := s.RevokeInvite(actx, c.ID, inv2.ID, clk.now())
	must(t, err)
	final := newJudgment(clk, c.ID, court.Final)
	must(t, s.AddJudgment(actx, final))

	want = append(want,
		court.AuditDocumentAdded+" "+d.ID,
		court.AuditJudgmentAdded+" "+tentative.ID,
		court.AuditArgumentAnswered+" "+a.ID,
		court.AuditJudgmentAdded+" "+revised.ID,
		court.AuditInviteCreated+" "+inv.ID,
		court.AuditInviteAccepted+" "+inv.ID,
		court.AuditInviteCreated+" "+inv2.ID,
		court.AuditInviteRevoked+" "+inv2.ID,
		court.AuditFinalVerdict+" "+final.ID,
	)
	list := verify(t, s, c.ID)
	if got := actions(list); !slices.Equal(got, want) {
		t.Fatalf("entries %q, want %q", got, want)
	}
	for _, e := range list {
		wantActor := owner.ID
		if e.Action == court.AuditInviteAccepted {
			wantActor = guest.ID
		}
		if e.Actor != wantActor {
			t.Errorf("%s %s: actor %q, want %q", e.Action, e.Subject, e.Actor, wantActor)
		}
	}
	if e := list[len(list)-4]; e.Digest != auth.InviteDigest(accepted) {
		t.Errorf("invite.accepted digest %s, want that of the accepted invitation", e.Digest)
	}
	if e := list[len(list)-2]; e.Digest != auth.InviteDigest(revoked) {
		t.Errorf("invite.revoked digest %s, want that of the revoked invitation", e.Digest)
	}

	// The log outlives the case and records its deletion.
	_, err = s.DeleteCase(actx, c.ID)
	must(t, err)
	list = verify(t, s, c.ID)
	want = append(want, court.AuditCaseDeleted+" "+c.ID)
	if got := actions(list); !slices.Equal(got, want) {
		t.Fatalf("after deletion: %q, want %q", got, want)
	}

	plain := fixture(t, s, clk, true)
	if list := entries(t, s, plain.ID); len(list) != 0 {
		t.Errorf("writes without WithAudit appended %d entries", len(list))
	}
}

// testAuditFailedWrites: a write its transaction refuses appends nothing,
// even when the refusal comes after the rows were written.
func testAuditFailedWrites(t *testing.T, s AccountStore) {
	clk := newClock()
	owner, guest := addUser(t, s, clk, "o@example.com"), addUser(t, s, clk, "g@example.com")
	actx := audited(t, owner.ID)
	c := newCase(clk)
	must(t, s.CreateCase(actx, c))
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: guest.ID, Role: auth.RoleObserver, JoinedAt: clk.now()}))
	before := verify(t, s, c.ID)

	dup := newCase(clk)
	dup.ID = c.ID
	wantCode(t, s.CreateCase(actx, dup), court.EConflict, "CreateCase with a used id")
	wantCode(t, s.AddJudgment(actx, newJudgment(clk, c.ID, court.Reconsidered)), court.EConflict, "AddJudgment reconsidered first")
	tentative := newJudgment(clk, c.ID, court.Tentative)
	must(t, s.AddJudgment(actx, tentative))
	wantCode(t, s.AddJudgment(actx, newJudgment(clk, c.ID, court.Tentative)), court.EConflict, "a second tentative judgment")
	lost := newArgument(clk, c.ID, court.SideA)
	answer(lost)
	wantCode(t, s.CompleteArgument(actx, lost, newJudgment(clk, c.ID, court.Reconsidered)), court.EConflict, "CompleteArgument without a reservation")
	now := clk.now()
	inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver, CreatedBy: owner.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateInvite(ctx(t), inv))
	// The membership is refused after the invitation was read: the
	// transaction is rolled back whole.
	_, err := s.AcceptInvite(actx, inv.TokenHash, guest.ID, clk.now())
	wantCode(t, err, court.EConflict, "AcceptInvite by a member")
	_, err = s.RevokeInvite(actx, c.ID, court.NewID(), clk.now())
	wantCode(t, err, court.ENotFound, "RevokeInvite of an unknown invitation")
	final := newJudgment(clk, c.ID, court.Final)
	must(t, s.AddJudgment(actx, final))
	d := court.Document{ID: court.NewID(), Side: court.SideA, Name: "late.txt", MediaType: "text/plain", Status: court.DocExtracted, CreatedAt: clk.now()}
	wantCode(t, s.AddDocument(actx, c.ID, &d), court.EConflict, "AddDocument to a closed case")

	got := entries(t, s, c.ID)
	want := append(actions(before), court.AuditJudgmentAdded+" "+tentative.ID, court.AuditFinalVerdict+" "+final.ID)
	if !slices.Equal(actions(got), want) {
		t.Fatalf("entries %q, want %q", actions(got), want)
	}
	unknown := court.NewID()
	_, err = s.DeleteCase(actx, unknown)
	wantCode(t, err, court.ENotFound, "DeleteCase of an unknown case")
	if list := entries(t, s, unknown); len(list) != 0 {
		t.Errorf("a refused deletion appended %+v", list)
	}
}

// testAuditRace: arguments, judgments, documents and invitations written
// to one case at once leave one unbroken chain with an entry for each.
func testAuditRace(t *testing.T, s AccountStore) {
	clk := newClock()
	owner := addUser(t, s, clk, "o@example.com")
	actx := audited(t, owner.ID)
	c := newCase(clk)
	must(t, s.CreateCase(actx, c))
	must(t, s.AddJudgment(actx, newJudgment(clk, c.ID, court.Tentative)))

	const n = 40
	args := make([]*court.Argument, n)
	revised := make([]*court.Judgment, n)
	docs := make([]court.Document, n)
	invites := make([]*auth.Invite, n)
	for i := range n {
		args[i] = newArgument(clk, c.ID, court.SideB)
		answer(args[i])
		revised[i] = newJudgment(clk, c.ID, court.Reconsidered)
		docs[i] = court.Document{ID: court.NewID(), Side: court.SideA, Name: "more.txt", MediaType: "text/plain",
			Status: court.DocExtracted, Text: "more", CreatedAt: clk.now()}
		now := clk.now()
		invites[i] = &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver,
			CreatedBy: owner.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	}
	var answered, added sync.Map
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := s.ReserveArgument(actx, args[i], minute); err != nil {
				return
			}
			if err := s.CompleteArgument(actx, args[i], revised[i]); err == nil {
				answered.Store(i, true)
			}
		})
		wg.Go(func() {
			if err := s.AddDocument(actx, c.ID, &docs[i]); err == nil {
				added.Store(i, true)
			}
		})
		wg.Go(func() {
			if err := s.CreateInvite(actx, invites[i]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	count := func(m *sync.Map) int {
		k := 0
		m.Range(func(any, any) bool { k++; return true })
		return k
	}
	if got := count(&answered); got != court.MaxArguments {
		t.Fatalf("%d arguments answered, want %d", got, court.MaxArguments)
	}
	filed := 1 + len(c.A.Documents) + len(c.B.Documents)
	want := filed + 1 + 2*court.MaxArguments + count(&added) + n
	if list := verify(t, s, c.ID); len(list) != want {
		t.Fatalf("%d entries, want %d", len(list), want)
	}
}

// testAuditTakenOver: a filing refused at the end of its transaction,
// because a retry took its idempotency key over, leaves no entry.
func testAuditTakenOver(t *testing.T, s IdempotencyStore) {
	clk := newClock()
	r := idemRequest("file")
	r.Lease = 50 * time.Millisecond
	begin(t, s, r)
	time.Sleep(150 * time.Millisecond)
	begin(t, s, retry(r, r.Fingerprint))
	c := newCase(clk)
	wctx := court.RespondOnCommit(court.WithIdempotentRequest(audited(t, "u"), r), func(c *court.Case) (*court.IdempotentResponse, error) {
		return filedResponse(c.ID), nil
	})
	wantCode(t, s.CreateCase(wctx, c), court.EConflict, "CreateCase by the attempt that lost its key")
	if list := entries(t, s, c.ID); len(list) != 0 {
		t.Fatalf("the refused filing appended %q", actions(list))
	}
}
