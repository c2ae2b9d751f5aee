package storetest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

// The audit tests append each write's entries in the write's own
// transaction, as court.Service does (court.Stamp.Record, tx.AppendAudit):
// committed together with the change, or not at all.

// stamp is the stamp of changes made by actor.
func stamp(actor string) court.Stamp {
	return court.Stamp{At: time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC), Actor: actor}
}

// The entries court.Service appends for each of its writes.

func recordFiling(tx court.Tx, st court.Stamp, c *court.Case) error {
	if err := st.Record(tx, c.ID, court.AuditCaseFiled, c.ID, court.DigestCase(c)); err != nil {
		return err
	}
	for _, side := range []*court.Side{&c.A, &c.B} {
		for i := range side.Documents {
			if err := recordDocument(tx, st, c.ID, &side.Documents[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func recordDocument(tx court.Tx, st court.Stamp, caseID string, d *court.Document) error {
	return st.Record(tx, caseID, court.AuditDocumentAdded, d.ID, court.DigestDocument(d))
}

func recordJudgment(tx court.Tx, st court.Stamp, j *court.Judgment) error {
	if j == nil {
		return nil
	}
	action := court.AuditJudgmentAdded
	if j.Kind == court.Final {
		action = court.AuditFinalVerdict
	}
	return st.Record(tx, j.CaseID, action, j.ID, court.DigestJudgment(j))
}

// The writes of court.Tx with their entries, each in a transaction of
// its own.

func fileAudited(t *testing.T, s court.Store, st court.Stamp, c *court.Case) error {
	return s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		return recordFiling(tx, st, c)
	})
}

func addDocumentAudited(t *testing.T, s court.Store, st court.Stamp, caseID string, d *court.Document) error {
	return s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.AddDocuments(caseID, []court.Document{*d}, court.DocumentLimits{}); err != nil {
			return err
		}
		return recordDocument(tx, st, caseID, d)
	})
}

func addJudgmentAudited(t *testing.T, s court.Store, st court.Stamp, j *court.Judgment) error {
	return s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.AddJudgment(j); err != nil {
			return err
		}
		return recordJudgment(tx, st, j)
	})
}

func completeArgumentAudited(t *testing.T, s court.Store, st court.Stamp, a *court.Argument, revised *court.Judgment) error {
	return s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CompleteArgument(a, revised); err != nil {
			return err
		}
		if err := st.Record(tx, a.CaseID, court.AuditArgumentAnswered, a.ID, court.DigestArgument(a)); err != nil {
			return err
		}
		return recordJudgment(tx, st, revised)
	})
}

func deleteCaseAudited(t *testing.T, s court.Store, st court.Stamp, id string) error {
	return s.InTx(ctx(t), func(tx court.Tx) error {
		if _, err := tx.DeleteCase(id); err != nil {
			return err
		}
		return st.Record(tx, id, court.AuditCaseDeleted, id, "")
	})
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

// testAuditWrites: each write commits exactly the entries its transaction
// appends, with the actor, in order and chained, and the chain verifies
// against the stored rows; a zero Stamp appends none.
func testAuditWrites(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	owner, guest := addUser(t, s, ts, "o@example.com"), addUser(t, s, ts, "g@example.com")
	st := stamp(owner.ID)

	c := newCase(ts)
	must(t, fileAudited(t, s, st, c))
	want := []string{court.AuditCaseFiled + " " + c.ID}
	for _, d := range append(slices.Clone(c.A.Documents), c.B.Documents...) {
		want = append(want, court.AuditDocumentAdded+" "+d.ID)
	}
	if got := actions(verify(t, s, c.ID)); !slices.Equal(got, want) {
		t.Fatalf("after filing: %q, want %q", got, want)
	}

	d := court.Document{ID: court.NewID(), Side: court.SideB, Name: "reply.txt", MediaType: "text/plain", Size: 5,
		SHA256: "dd44" + c.ID, Chars: 5, Status: court.DocExtracted, Text: "reply", CreatedAt: ts.next()}
	must(t, addDocumentAudited(t, s, st, c.ID, &d))
	tentative := newJudgment(ts, c.ID, court.Tentative)
	must(t, addJudgmentAudited(t, s, st, tentative))
	a := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	revised := newJudgment(ts, c.ID, court.Reconsidered)
	must(t, completeArgumentAudited(t, s, st, a, revised))
	now := ts.next()
	inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleB, CreatedBy: owner.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateInvite(ctx(t), inv, st))
	accepted, err := s.AcceptInvite(ctx(t), inv.TokenHash, guest.ID, ts.next(), stamp(guest.ID))
	must(t, err)
	now = ts.next()
	inv2 := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver, CreatedBy: owner.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateInvite(ctx(t), inv2, st))
	revoked, err := s.RevokeInvite(ctx(t), c.ID, inv2.ID, ts.next(), st)
	must(t, err)
	final := newJudgment(ts, c.ID, court.Final)
	must(t, addJudgmentAudited(t, s, st, final))

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
	must(t, deleteCaseAudited(t, s, st, c.ID))
	list = verify(t, s, c.ID)
	want = append(want, court.AuditCaseDeleted+" "+c.ID)
	if got := actions(list); !slices.Equal(got, want) {
		t.Fatalf("after deletion: %q, want %q", got, want)
	}

	plain := newCase(ts)
	must(t, fileAudited(t, s, court.Stamp{}, plain))
	must(t, addJudgmentAudited(t, s, court.Stamp{}, newJudgment(ts, plain.ID, court.Tentative)))
	now = ts.next()
	must(t, s.CreateInvite(ctx(t), &auth.Invite{ID: court.NewID(), CaseID: plain.ID, TokenHash: court.NewID(), Role: auth.RoleB,
		CreatedBy: owner.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}, court.Stamp{}))
	if list := entries(t, s, plain.ID); len(list) != 0 {
		t.Errorf("writes with a zero Stamp appended %d entries", len(list))
	}
}

// testAuditFailedWrites: a write its transaction refuses appends nothing,
// even when the refusal comes after the rows were written (AcceptInvite
// refuses the membership after reading the invitation).
func testAuditFailedWrites(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	owner, guest := addUser(t, s, ts, "o@example.com"), addUser(t, s, ts, "g@example.com")
	st := stamp(owner.ID)
	c := newCase(ts)
	must(t, fileAudited(t, s, st, c))
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: guest.ID, Role: auth.RoleObserver, JoinedAt: ts.next()}))
	before := verify(t, s, c.ID)

	dup := newCase(ts)
	dup.ID = c.ID
	wantCode(t, fileAudited(t, s, st, dup), court.EConflict, "CreateCase with a used id")
	wantCode(t, addJudgmentAudited(t, s, st, newJudgment(ts, c.ID, court.Reconsidered)), court.EConflict, "AddJudgment reconsidered first")
	tentative := newJudgment(ts, c.ID, court.Tentative)
	must(t, addJudgmentAudited(t, s, st, tentative))
	wantCode(t, addJudgmentAudited(t, s, st, newJudgment(ts, c.ID, court.Tentative)), court.EConflict, "a second tentative judgment")
	lost := newArgument(ts, c.ID, court.SideA)
	answer(lost)
	wantCode(t, completeArgumentAudited(t, s, st, lost, newJudgment(ts, c.ID, court.Reconsidered)), court.EConflict, "CompleteArgument without a reservation")
	now := ts.next()
	inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver, CreatedBy: owner.ID,
		CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	must(t, s.CreateInvite(ctx(t), inv, court.Stamp{}))
	// The membership is refused after the invitation was read: the
	// transaction is rolled back whole.
	_, err := s.AcceptInvite(ctx(t), inv.TokenHash, guest.ID, ts.next(), st)
	wantCode(t, err, court.EConflict, "AcceptInvite by a member")
	_, err = s.RevokeInvite(ctx(t), c.ID, court.NewID(), ts.next(), st)
	wantCode(t, err, court.ENotFound, "RevokeInvite of an unknown invitation")
	final := newJudgment(ts, c.ID, court.Final)
	must(t, addJudgmentAudited(t, s, st, final))
	d := court.Document{ID: court.NewID(), Side: court.SideA, Name: "late.txt", MediaType: "text/plain", Status: court.DocExtracted, CreatedAt: ts.next()}
	wantCode(t, addDocumentAudited(t, s, st, c.ID, &d), court.EConflict, "AddDocument to a closed case")

	got := entries(t, s, c.ID)
	want := append(actions(before), court.AuditJudgmentAdded+" "+tentative.ID, court.AuditFinalVerdict+" "+final.ID)
	if !slices.Equal(actions(got), want) {
		t.Fatalf("entries %q, want %q", actions(got), want)
	}
	unknown := court.NewID()
	wantCode(t, deleteCaseAudited(t, s, st, unknown), court.ENotFound, "DeleteCase of an unknown case")
	if list := entries(t, s, unknown); len(list) != 0 {
		t.Errorf("a refused deletion appended %+v", list)
	}
}

// testAuditRollback: a transaction that fails after it wrote its rows and
// appended their entries leaves neither the rows nor the entries.
func testAuditRollback(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	st := stamp("u")
	c := newCase(ts)
	must(t, fileAudited(t, s, st, c))
	before := verify(t, s, c.ID)
	stored := get(t, s, c.ID)

	tests := []struct {
		name string
		code court.Code
		fn   func(tx court.Tx) error
	}{
		{"an outage after a judgment", court.EUnavailable, func(tx court.Tx) error {
			j := newJudgment(ts, c.ID, court.Tentative)
			if err := tx.AddJudgment(j); err != nil {
				return err
			}
			if err := recordJudgment(tx, st, j); err != nil {
				return err
			}
			return errOutage
		}},
		{"a later write refused", court.EConflict, func(tx court.Tx) error {
			j := newJudgment(ts, c.ID, court.Tentative)
			if err := tx.AddJudgment(j); err != nil {
				return err
			}
			if err := recordJudgment(tx, st, j); err != nil {
				return err
			}
			return tx.AddJudgment(newJudgment(ts, c.ID, court.Tentative))
		}},
		{"an outage after a document", court.EUnavailable, func(tx court.Tx) error {
			d := court.Document{ID: court.NewID(), Side: court.SideA, Name: "more.txt", MediaType: "text/plain",
				Status: court.DocExtracted, Text: "more", CreatedAt: ts.next()}
			if err := tx.AddDocuments(c.ID, []court.Document{d}, court.DocumentLimits{}); err != nil {
				return err
			}
			if err := recordDocument(tx, st, c.ID, &d); err != nil {
				return err
			}
			return errOutage
		}},
		{"an outage after the deletion", court.EUnavailable, func(tx court.Tx) error {
			if _, err := tx.DeleteCase(c.ID); err != nil {
				return err
			}
			if err := st.Record(tx, c.ID, court.AuditCaseDeleted, c.ID, ""); err != nil {
				return err
			}
			return errOutage
		}},
	}
	for _, tt := range tests {
		wantCode(t, s.InTx(ctx(t), tt.fn), tt.code, tt.name)
		if got := actions(verify(t, s, c.ID)); !slices.Equal(got, actions(before)) {
			t.Fatalf("after %s: entries %q, want %q", tt.name, got, actions(before))
		}
		if d := diff(stored, get(t, s, c.ID)); d != "" {
			t.Fatalf("after %s the case changed (-want +got):\n%s", tt.name, d)
		}
	}

	// A filing rolled back leaves no log at all.
	n := newCase(ts)
	err := s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(n); err != nil {
			return err
		}
		if err := recordFiling(tx, st, n); err != nil {
			return err
		}
		return errOutage
	})
	wantCode(t, err, court.EUnavailable, "a filing that failed after its entries")
	if list := entries(t, s, n.ID); len(list) != 0 {
		t.Errorf("a rolled-back filing left %q", actions(list))
	}
}

// testAuditRace: arguments, judgments, documents and invitations written
// to one case at once leave one unbroken chain with an entry for each.
func testAuditRace(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	owner := addUser(t, s, ts, "o@example.com")
	st := stamp(owner.ID)
	c := newCase(ts)
	must(t, fileAudited(t, s, st, c))
	must(t, addJudgmentAudited(t, s, st, newJudgment(ts, c.ID, court.Tentative)))

	const n = 40
	args := make([]*court.Argument, n)
	revised := make([]*court.Judgment, n)
	docs := make([]court.Document, n)
	invites := make([]*auth.Invite, n)
	for i := range n {
		args[i] = newArgument(ts, c.ID, court.SideB)
		answer(args[i])
		revised[i] = newJudgment(ts, c.ID, court.Reconsidered)
		docs[i] = court.Document{ID: court.NewID(), Side: court.SideA, Name: "more.txt", MediaType: "text/plain",
			Status: court.DocExtracted, Text: "more", CreatedAt: ts.next()}
		now := ts.next()
		invites[i] = &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: auth.RoleObserver,
			CreatedBy: owner.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	}
	var answered, added sync.Map
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := s.ReserveArgument(ctx(t), args[i], minute); err != nil {
				return
			}
			if err := completeArgumentAudited(t, s, st, args[i], revised[i]); err == nil {
				answered.Store(i, true)
			}
		})
		wg.Go(func() {
			if err := addDocumentAudited(t, s, st, c.ID, &docs[i]); err == nil {
				added.Store(i, true)
			}
		})
		wg.Go(func() {
			if err := s.CreateInvite(ctx(t), invites[i], st); err != nil {
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

// noCache is the cache of a court.Service that keeps nothing.
type noCache struct{}

func (noCache) Get(context.Context, string) ([]byte, bool) { return nil, false }
func (noCache) Set(context.Context, string, []byte)        {}
func (noCache) Delete(context.Context, ...string)          {}

// testAuditService: the entries a court.Service appends itself, in the
// transactions of its writes, verify against the stored rows; what the
// caller adds to a filing (then) commits with it, or the filing fails
// whole.
func testAuditService(t *testing.T, s AccountStore, clock *Clock) {
	ts := newStamps()
	owner := addUser(t, s, ts, "o@example.com")
	svc := court.NewService(court.Options{Store: s, Audit: s, Cache: noCache{}, Now: clock.Now})
	t.Cleanup(func() { svc.Close(context.Background()) })
	actx := court.WithActor(ctx(t), owner.ID)
	filing := func() *court.Filing {
		return &court.Filing{CaseType: "contract", Jurisdiction: "INDIA",
			A: court.SideFiling{Summary: "The tenant withheld rent.", Evidence: []string{"Lease"}},
			B: court.SideFiling{Summary: "The flat was uninhabitable."}}
	}

	c, err := svc.File(actx, filing(), func(tx court.Tx, c *court.Case) error {
		return tx.(auth.Tx).AddMember(&auth.Member{CaseID: c.ID, UserID: owner.ID, Role: auth.RoleA, Owner: true, JoinedAt: clock.Now()})
	})
	must(t, err)
	list := verify(t, s, c.ID)
	if got, want := actions(list), []string{court.AuditCaseFiled + " " + c.ID}; !slices.Equal(got, want) {
		t.Fatalf("after filing: %q, want %q", got, want)
	}
	if list[0].Actor != owner.ID || !list[0].Time.Equal(clock.Now()) {
		t.Errorf("filing entry: actor %q at %v, want %q at the service's clock %v", list[0].Actor, list[0].Time, owner.ID, clock.Now())
	}
	if m, err := s.Members(ctx(t), c.ID); err != nil || len(m) != 1 || !m[0].Owner {
		t.Fatalf("members of the filed case: %+v %v, want its owner", m, err)
	}

	var failed string
	_, err = svc.File(actx, filing(), func(tx court.Tx, c *court.Case) error {
		failed = c.ID
		return errOutage
	})
	wantCode(t, err, court.EUnavailable, "File whose then failed")
	if _, err := s.Case(ctx(t), failed); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("the failed filing was stored: %v", err)
	}
	if list := entries(t, s, failed); len(list) != 0 {
		t.Fatalf("the failed filing appended %q", actions(list))
	}

	must(t, svc.DeleteCase(actx, c.ID))
	want := []string{court.AuditCaseFiled + " " + c.ID, court.AuditCaseDeleted + " " + c.ID}
	if got := actions(verify(t, s, c.ID)); !slices.Equal(got, want) {
		t.Fatalf("after deletion: %q, want %q", got, want)
	}
}

// testAuditTakenOver: a filing refused at the end of its transaction,
// because a retry took its idempotency key over, leaves no entry.
func testAuditTakenOver(t *testing.T, s IdempotencyStore, clock *Clock) {
	ts := newStamps()
	r := newClaim("file")
	r.Lease = 50 * time.Millisecond
	begin(t, s, r)
	clock.Advance(150 * time.Millisecond)
	begin(t, s, retry(r, r.Fingerprint))
	c := newCase(ts)
	err := s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		if err := recordFiling(tx, stamp("u"), c); err != nil {
			return err
		}
		return idempotency.Record(tx, r, filedResponse(c.ID))
	})
	wantCode(t, err, court.EConflict, "a filing by the attempt that lost its key")
	if !errors.Is(err, idempotency.ErrTakenOver) {
		t.Errorf("error %v, want ErrTakenOver", err)
	}
	if list := entries(t, s, c.ID); len(list) != 0 {
		t.Fatalf("the refused filing appended %q", actions(list))
	}
}
