package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

// AccountStore is a store that also keeps accounts and the audit log, as
// both implementations do.
type AccountStore interface {
	court.Store
	auth.Store
	court.AuditLog
	// AppendAudit appends e in a transaction of its own.
	AppendAudit(ctx context.Context, e *court.AuditEntry) error
}

// AccountsOpener returns a fresh, migrated AccountStore whose clock is
// now, closed when t ends.
type AccountsOpener func(t *testing.T, now func() time.Time) AccountStore

// RunAccounts runs the accounts, membership, invitation and audit-log
// suite against the stores open returns.
func RunAccounts(t *testing.T, open AccountsOpener) {
	tests := []struct {
		name string
		fn   func(*testing.T, AccountStore, *Clock)
	}{
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Members", testMembers},
		{"Invites", testInvites},
		{"FilingWithOwner", testFilingWithOwner},
		{"AuditChain", testAuditChain},
		{"AuditWrites", testAuditWrites},
		{"AuditFailedWrites", testAuditFailedWrites},
		{"AuditRollback", testAuditRollback},
		{"AuditRace", testAuditRace},
		{"AuditService", testAuditService},
		{"AuditStructure", testAuditStructure},
		{"DeleteCaseDropsMembers", testDeleteCaseDropsMembers},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := NewClock()
			tt.fn(t, open(t, clock.Now), clock)
		})
	}
}

func newUser(ts *stamps, email string) *auth.User {
	now := ts.next()
	return &auth.User{ID: court.NewID(), Email: email, Name: "Ravi Kumar", PasswordHash: "$argon2id$fake-hash-for-tests",
		CreatedAt: now, PasswordChangedAt: now}
}

func addUser(t *testing.T, s AccountStore, ts *stamps, email string) *auth.User {
	t.Helper()
	u := newUser(ts, email)
	must(t, s.CreateUser(ctx(t), u))
	return u
}

func testUsers(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	u := addUser(t, s, ts, "ravi@example.com")
	got, err := s.UserByEmail(ctx(t), "ravi@example.com")
	must(t, err)
	want := *u
	want.CreatedAt, want.PasswordChangedAt = u.CreatedAt.UTC(), u.PasswordChangedAt.UTC()
	if d := diff(&want, got); d != "" {
		t.Errorf("UserByEmail (-want +got):\n%s", d)
	}
	if got, err = s.UserByID(ctx(t), u.ID); err != nil || got.Email != u.Email {
		t.Errorf("UserByID: %v %v", got, err)
	}
	dup := newUser(ts, "ravi@example.com")
	wantCode(t, s.CreateUser(ctx(t), dup), court.EConflict, "CreateUser with a registered email")
	_, err = s.UserByEmail(ctx(t), "nobody@example.com")
	wantCode(t, err, court.ENotFound, "UserByEmail of an unknown email")
	_, err = s.UserByID(ctx(t), court.NewID())
	wantCode(t, err, court.ENotFound, "UserByID of an unknown id")
	wantCode(t, s.SetPassword(ctx(t), court.NewID(), "x", ts.next()), court.ENotFound, "SetPassword of an unknown user")
}

func testSessions(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	u := addUser(t, s, ts, "a@example.com")
	other := addUser(t, s, ts, "b@example.com")
	newSession := func(user *auth.User) *auth.Session {
		now := ts.next()
		sess := &auth.Session{ID: court.NewID(), UserID: user.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		must(t, s.CreateSession(ctx(t), sess))
		return sess
	}
	s1, s2, s3 := newSession(u), newSession(u), newSession(other)
	got, err := s.Session(ctx(t), s1.ID)
	must(t, err)
	if got.UserID != u.ID || !got.ExpiresAt.Equal(s1.ExpiresAt) || !got.RevokedAt.IsZero() {
		t.Fatalf("Session: %+v", got)
	}
	at := ts.next()
	must(t, s.RevokeSession(ctx(t), s1.ID, at))
	if got, _ := s.Session(ctx(t), s1.ID); !got.RevokedAt.Equal(at) {
		t.Errorf("revoked session: %+v", got)
	}
	must(t, s.RevokeSession(ctx(t), s1.ID, ts.next())) // again: keeps the first time
	if got, _ := s.Session(ctx(t), s1.ID); !got.RevokedAt.Equal(at) {
		t.Errorf("revoking twice moved the time: %+v", got)
	}
	wantCode(t, s.RevokeSession(ctx(t), court.NewID(), at), court.ENotFound, "RevokeSession of an unknown session")
	_, err = s.Session(ctx(t), court.NewID())
	wantCode(t, err, court.ENotFound, "Session of an unknown id")

	must(t, s.SetPassword(ctx(t), u.ID, "$argon2id$new-fake-hash", ts.next()))
	if got, _ := s.Session(ctx(t), s2.ID); got.RevokedAt.IsZero() {
		t.Error("SetPassword left a session of the user valid")
	}
	if got, _ := s.Session(ctx(t), s3.ID); !got.RevokedAt.IsZero() {
		t.Error("SetPassword revoked another user's session")
	}
	if got, _ := s.UserByID(ctx(t), u.ID); got.PasswordHash != "$argon2id$new-fake-hash" {
		t.Errorf("SetPassword did not store the hash: %q", got.PasswordHash)
	}
}

func testMembers(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	owner, party, watcher, late := addUser(t, s, ts, "o@example.com"), addUser(t, s, ts, "p@example.com"),
		addUser(t, s, ts, "w@example.com"), addUser(t, s, ts, "l@example.com")
	c1 := fixture(t, s, ts, false)
	c2 := fixture(t, s, ts, true) // judged later: more recent activity
	member := func(c *court.Case, u *auth.User, r auth.Role, isOwner bool) *auth.Member {
		return &auth.Member{CaseID: c.ID, UserID: u.ID, Role: r, Owner: isOwner, JoinedAt: ts.next()}
	}
	must(t, s.AddMember(ctx(t), member(c1, owner, auth.RoleA, true)))
	must(t, s.AddMember(ctx(t), member(c2, owner, auth.RoleB, true)))
	must(t, s.AddMember(ctx(t), member(c1, party, auth.RoleB, false)))
	must(t, s.AddMember(ctx(t), member(c1, watcher, auth.RoleObserver, false)))
	must(t, s.AddMember(ctx(t), member(c1, late, auth.RoleObserver, false)))
	wantCode(t, s.AddMember(ctx(t), member(c1, party, auth.RoleObserver, false)), court.EConflict, "AddMember of a member")
	wantCode(t, s.AddMember(ctx(t), member(c2, party, auth.RoleB, false)), court.EConflict, "AddMember of a held side")
	wantCode(t, s.AddMember(ctx(t), &auth.Member{CaseID: court.NewID(), UserID: party.ID, Role: auth.RoleA, JoinedAt: ts.next()}),
		court.ENotFound, "AddMember to an unknown case")

	members, err := s.Members(ctx(t), c1.ID)
	must(t, err)
	if len(members) != 4 || members[0].UserID != owner.ID || !members[0].Owner || members[1].Role != auth.RoleB || members[1].Owner {
		t.Errorf("Members: %+v", members)
	}
	if m, err := s.Members(ctx(t), court.NewID()); err != nil || len(m) != 0 {
		t.Errorf("Members of an unknown case: %v %v", m, err)
	}
	list, err := s.MemberCases(ctx(t), owner.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != c2.ID || list[0].Role != auth.RoleB || list[0].Status != court.Judged ||
		list[1].ID != c1.ID || list[1].CaseType != court.Contract || list[1].Jurisdiction != court.India || !list[1].Owner {
		t.Errorf("MemberCases: %+v", list)
	}
	if list, _ := s.MemberCases(ctx(t), court.NewID()); len(list) != 0 {
		t.Errorf("MemberCases of a stranger: %+v", list)
	}
}

func testInvites(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	owner, guest, other := addUser(t, s, ts, "o@example.com"), addUser(t, s, ts, "g@example.com"), addUser(t, s, ts, "x@example.com")
	c := fixture(t, s, ts, false)
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: owner.ID, Role: auth.RoleA, Owner: true, JoinedAt: ts.next()}))
	invite := func(r auth.Role, ttl time.Duration) *auth.Invite {
		now := ts.next()
		inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: r, CreatedBy: owner.ID,
			CreatedAt: now, ExpiresAt: now.Add(ttl)}
		must(t, s.CreateInvite(ctx(t), inv, court.Stamp{}))
		return inv
	}
	b1, b2, obs := invite(auth.RoleB, time.Hour), invite(auth.RoleB, time.Hour), invite(auth.RoleObserver, time.Hour)
	expired := invite(auth.RoleObserver, time.Microsecond)
	revoked := invite(auth.RoleObserver, time.Hour)

	got, err := s.AcceptInvite(ctx(t), b1.TokenHash, guest.ID, ts.next(), court.Stamp{})
	must(t, err)
	if got.ID != b1.ID || got.AcceptedBy != guest.ID || got.AcceptedAt.IsZero() {
		t.Errorf("AcceptInvite: %+v", got)
	}
	_, err = s.AcceptInvite(ctx(t), b1.TokenHash, other.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.ENotFound, "AcceptInvite used twice")
	_, err = s.AcceptInvite(ctx(t), b2.TokenHash, other.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.EConflict, "AcceptInvite of a held side")
	_, err = s.AcceptInvite(ctx(t), obs.TokenHash, guest.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.EConflict, "AcceptInvite by a member")
	_, err = s.AcceptInvite(ctx(t), expired.TokenHash, other.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.ENotFound, "AcceptInvite of an expired invitation")
	_, err = s.AcceptInvite(ctx(t), court.NewID(), other.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.ENotFound, "AcceptInvite of an unknown token")

	r, err := s.RevokeInvite(ctx(t), c.ID, revoked.ID, ts.next(), court.Stamp{})
	must(t, err)
	if r.RevokedAt.IsZero() || r.ID != revoked.ID {
		t.Errorf("RevokeInvite: %+v", r)
	}
	_, err = s.AcceptInvite(ctx(t), revoked.TokenHash, other.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.ENotFound, "AcceptInvite of a revoked invitation")
	_, err = s.RevokeInvite(ctx(t), c.ID, b1.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.ENotFound, "RevokeInvite of an accepted invitation")
	_, err = s.RevokeInvite(ctx(t), court.NewID(), b2.ID, ts.next(), court.Stamp{})
	wantCode(t, err, court.ENotFound, "RevokeInvite through another case")

	// The observer invitation failed for guest (already a member) and is
	// still usable by somebody else.
	if _, err := s.AcceptInvite(ctx(t), obs.TokenHash, other.ID, ts.next(), court.Stamp{}); err != nil {
		t.Fatalf("a failed accept used up the invitation: %v", err)
	}
	list, err := s.Invites(ctx(t), c.ID)
	must(t, err)
	if len(list) != 5 || list[0].ID != revoked.ID || list[4].ID != b1.ID {
		t.Errorf("Invites: %d, newest first expected", len(list))
	}
	members, _ := s.Members(ctx(t), c.ID)
	if len(members) != 3 {
		t.Errorf("members after the invitations: %+v", members)
	}
}

// testFilingWithOwner: in accounts mode a case is filed together with its
// owner's membership, in one transaction: both are stored, or, when the
// transaction fails before or at the membership, neither is.
func testFilingWithOwner(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	owner, other := addUser(t, s, ts, "o@example.com"), addUser(t, s, ts, "x@example.com")
	member := func(c *court.Case, userID string, r auth.Role, isOwner bool) *auth.Member {
		return &auth.Member{CaseID: c.ID, UserID: userID, Role: r, Owner: isOwner, JoinedAt: ts.next()}
	}
	tests := []struct {
		name string
		code court.Code
		then func(tx court.Tx, c *court.Case) error
	}{
		{"an outage before the membership", court.EUnavailable, func(court.Tx, *court.Case) error {
			return errOutage
		}},
		{"an unknown user", court.ENotFound, func(tx court.Tx, c *court.Case) error {
			return tx.(auth.Tx).AddMember(member(c, court.NewID(), auth.RoleA, true))
		}},
		{"the side already taken", court.EConflict, func(tx court.Tx, c *court.Case) error {
			if err := tx.(auth.Tx).AddMember(member(c, other.ID, auth.RoleA, false)); err != nil {
				return err
			}
			return tx.(auth.Tx).AddMember(member(c, owner.ID, auth.RoleA, true))
		}},
		{"an outage after the membership", court.EUnavailable, func(tx court.Tx, c *court.Case) error {
			if err := tx.(auth.Tx).AddMember(member(c, owner.ID, auth.RoleA, true)); err != nil {
				return err
			}
			return errOutage
		}},
	}
	for _, tt := range tests {
		c := newCase(ts)
		err := s.InTx(ctx(t), func(tx court.Tx) error {
			if err := tx.CreateCase(c); err != nil {
				return err
			}
			return tt.then(tx, c)
		})
		wantCode(t, err, tt.code, "filing with "+tt.name)
		_, err = s.Case(ctx(t), c.ID)
		wantCode(t, err, court.ENotFound, "Case after a filing with "+tt.name)
		if m, err := s.Members(ctx(t), c.ID); err != nil || len(m) != 0 {
			t.Errorf("members after a filing with %s: %+v %v", tt.name, m, err)
		}
	}
	if list, err := s.MemberCases(ctx(t), owner.ID); err != nil || len(list) != 0 {
		t.Fatalf("the owner's cases after the failed filings: %+v %v", list, err)
	}

	c := newCase(ts)
	must(t, s.InTx(ctx(t), func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		return tx.(auth.Tx).AddMember(member(c, owner.ID, auth.RoleA, true))
	}))
	if d := diff(c, get(t, s, c.ID)); d != "" {
		t.Fatalf("the filed case (-want +got):\n%s", d)
	}
	members, err := s.Members(ctx(t), c.ID)
	must(t, err)
	if len(members) != 1 || members[0].UserID != owner.ID || !members[0].Owner || members[0].Role != auth.RoleA {
		t.Fatalf("members of the filed case: %+v, want its owner", members)
	}
	if list, err := s.MemberCases(ctx(t), owner.ID); err != nil || len(list) != 1 || list[0].ID != c.ID {
		t.Fatalf("the owner's cases: %+v %v, want the filed one", list, err)
	}
}

// testAuditChain: entries appended in transactions, several to one and
// many transactions at once, form one unbroken chain.
func testAuditChain(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	const n, perTx = 20, 3
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			err := s.InTx(ctx(t), func(tx court.Tx) error {
				for range perTx {
					e := &court.AuditEntry{CaseID: c.ID, Time: clk0(i), Actor: "u", Action: court.AuditDocumentAdded, Subject: court.NewID(), Digest: "d"}
					if err := tx.AppendAudit(e); err != nil {
						return err
					}
					if e.Seq == 0 || e.Hash == "" {
						t.Errorf("AppendAudit left the entry unsealed: %+v", e)
					}
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	list, err := s.AuditEntries(ctx(t), c.ID)
	must(t, err)
	if len(list) != n*perTx {
		t.Fatalf("%d entries, want %d", len(list), n*perTx)
	}
	prev := ""
	for i, e := range list {
		if e.Seq != int64(i+1) || e.PrevHash != prev || e.Hash == "" {
			t.Fatalf("entry %d: %+v (prev %q)", i+1, e, prev)
		}
		check := e
		check.Seal(nil)
		if i > 0 {
			check.Seal(&list[i-1])
		}
		if check.Hash != e.Hash {
			t.Fatalf("entry %d: stored hash %s, recomputed %s", i+1, e.Hash, check.Hash)
		}
		prev = e.Hash
	}
	if list, err := s.AuditEntries(ctx(t), court.NewID()); err != nil || len(list) != 0 {
		t.Errorf("AuditEntries of an unknown case: %v %v", list, err)
	}
}

func clk0(i int) time.Time { return time.Date(2025, 1, 1, 0, 0, i, 123456000, time.UTC) }

func testDeleteCaseDropsMembers(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	u := addUser(t, s, ts, "o@example.com")
	c := fixture(t, s, ts, false)
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: ts.next()}))
	now := ts.next()
	must(t, s.CreateInvite(ctx(t), &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: "h", Role: auth.RoleB, CreatedBy: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}, court.Stamp{}))
	must(t, s.AppendAudit(ctx(t), &court.AuditEntry{CaseID: c.ID, Time: now, Actor: u.ID, Action: court.AuditCaseFiled, Subject: c.ID, Digest: court.DigestCase(c)}))
	_, err := deleteCase(t, s, c.ID)
	must(t, err)
	if m, _ := s.Members(ctx(t), c.ID); len(m) != 0 {
		t.Errorf("members outlived the case: %+v", m)
	}
	if l, _ := s.Invites(ctx(t), c.ID); len(l) != 0 {
		t.Errorf("invitations outlived the case: %+v", l)
	}
	if l, _ := s.AuditEntries(ctx(t), c.ID); len(l) != 1 {
		t.Errorf("the audit log should outlive the case: %+v", l)
	}
}
