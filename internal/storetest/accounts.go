package storetest

import (
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
}

// AccountsOpener returns a fresh, migrated AccountStore, closed when t
// ends.
type AccountsOpener func(t *testing.T) AccountStore

// RunAccounts runs the accounts, membership, invitation and audit-log
// suite against the stores open returns.
func RunAccounts(t *testing.T, open AccountsOpener) {
	tests := []struct {
		name string
		fn   func(*testing.T, AccountStore)
	}{
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Members", testMembers},
		{"Invites", testInvites},
		{"AuditChain", testAuditChain},
		{"AuditWrites", testAuditWrites},
		{"AuditFailedWrites", testAuditFailedWrites},
		{"AuditRace", testAuditRace},
		{"DeleteCaseDropsMembers", testDeleteCaseDropsMembers},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

func newUser(clk *clock, email string) *auth.User {
	now := clk.now()
	return &auth.User{ID: court.NewID(), Email: email, Name: "Ravi Kumar", PasswordHash: "$argon2id$fake-hash-for-tests",
		CreatedAt: now, PasswordChangedAt: now}
}

func addUser(t *testing.T, s AccountStore, clk *clock, email string) *auth.User {
	t.Helper()
	u := newUser(clk, email)
	must(t, s.CreateUser(ctx(t), u))
	return u
}

func testUsers(t *testing.T, s AccountStore) {
	clk := newClock()
	u := addUser(t, s, clk, "ravi@example.com")
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
	dup := newUser(clk, "ravi@example.com")
	wantCode(t, s.CreateUser(ctx(t), dup), court.EConflict, "CreateUser with a registered email")
	_, err = s.UserByEmail(ctx(t), "nobody@example.com")
	wantCode(t, err, court.ENotFound, "UserByEmail of an unknown email")
	_, err = s.UserByID(ctx(t), court.NewID())
	wantCode(t, err, court.ENotFound, "UserByID of an unknown id")
	wantCode(t, s.SetPassword(ctx(t), court.NewID(), "x", clk.now()), court.ENotFound, "SetPassword of an unknown user")
}

func testSessions(t *testing.T, s AccountStore) {
	clk := newClock()
	u := addUser(t, s, clk, "a@example.com")
	other := addUser(t, s, clk, "b@example.com")
	newSession := func(user *auth.User) *auth.Session {
		now := clk.now()
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
	at := clk.now()
	must(t, s.RevokeSession(ctx(t), s1.ID, at))
	if got, _ := s.Session(ctx(t), s1.ID); !got.RevokedAt.Equal(at) {
		t.Errorf("revoked session: %+v", got)
	}
	must(t, s.RevokeSession(ctx(t), s1.ID, clk.now())) // again: keeps the first time
	if got, _ := s.Session(ctx(t), s1.ID); !got.RevokedAt.Equal(at) {
		t.Errorf("revoking twice moved the time: %+v", got)
	}
	wantCode(t, s.RevokeSession(ctx(t), court.NewID(), at), court.ENotFound, "RevokeSession of an unknown session")
	_, err = s.Session(ctx(t), court.NewID())
	wantCode(t, err, court.ENotFound, "Session of an unknown id")

	must(t, s.SetPassword(ctx(t), u.ID, "$argon2id$new-fake-hash", clk.now()))
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

func testMembers(t *testing.T, s AccountStore) {
	clk := newClock()
	owner, party, watcher, late := addUser(t, s, clk, "o@example.com"), addUser(t, s, clk, "p@example.com"),
		addUser(t, s, clk, "w@example.com"), addUser(t, s, clk, "l@example.com")
	c1 := fixture(t, s, clk, false)
	c2 := fixture(t, s, clk, true) // judged later: more recent activity
	member := func(c *court.Case, u *auth.User, r auth.Role, isOwner bool) *auth.Member {
		return &auth.Member{CaseID: c.ID, UserID: u.ID, Role: r, Owner: isOwner, JoinedAt: clk.now()}
	}
	must(t, s.AddMember(ctx(t), member(c1, owner, auth.RoleA, true)))
	must(t, s.AddMember(ctx(t), member(c2, owner, auth.RoleB, true)))
	must(t, s.AddMember(ctx(t), member(c1, party, auth.RoleB, false)))
	must(t, s.AddMember(ctx(t), member(c1, watcher, auth.RoleObserver, false)))
	must(t, s.AddMember(ctx(t), member(c1, late, auth.RoleObserver, false)))
	wantCode(t, s.AddMember(ctx(t), member(c1, party, auth.RoleObserver, false)), court.EConflict, "AddMember of a member")
	wantCode(t, s.AddMember(ctx(t), member(c2, party, auth.RoleB, false)), court.EConflict, "AddMember of a held side")
	wantCode(t, s.AddMember(ctx(t), &auth.Member{CaseID: court.NewID(), UserID: party.ID, Role: auth.RoleA, JoinedAt: clk.now()}),
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

func testInvites(t *testing.T, s AccountStore) {
	clk := newClock()
	owner, guest, other := addUser(t, s, clk, "o@example.com"), addUser(t, s, clk, "g@example.com"), addUser(t, s, clk, "x@example.com")
	c := fixture(t, s, clk, false)
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: owner.ID, Role: auth.RoleA, Owner: true, JoinedAt: clk.now()}))
	invite := func(r auth.Role, ttl time.Duration) *auth.Invite {
		now := clk.now()
		inv := &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: court.NewID(), Role: r, CreatedBy: owner.ID,
			CreatedAt: now, ExpiresAt: now.Add(ttl)}
		must(t, s.CreateInvite(ctx(t), inv))
		return inv
	}
	b1, b2, obs := invite(auth.RoleB, time.Hour), invite(auth.RoleB, time.Hour), invite(auth.RoleObserver, time.Hour)
	expired := invite(auth.RoleObserver, time.Microsecond)
	revoked := invite(auth.RoleObserver, time.Hour)

	got, err := s.AcceptInvite(ctx(t), b1.TokenHash, guest.ID, clk.now())
	must(t, err)
	if got.ID != b1.ID || got.AcceptedBy != guest.ID || got.AcceptedAt.IsZero() {
		t.Errorf("AcceptInvite: %+v", got)
	}
	_, err = s.AcceptInvite(ctx(t), b1.TokenHash, other.ID, clk.now())
	wantCode(t, err, court.ENotFound, "AcceptInvite used twice")
	_, err = s.AcceptInvite(ctx(t), b2.TokenHash, other.ID, clk.now())
	wantCode(t, err, court.EConflict, "AcceptInvite of a held side")
	_, err = s.AcceptInvite(ctx(t), obs.TokenHash, guest.ID, clk.now())
	wantCode(t, err, court.EConflict, "AcceptInvite by a member")
	_, err = s.AcceptInvite(ctx(t), expired.TokenHash, other.ID, clk.now())
	wantCode(t, err, court.ENotFound, "AcceptInvite of an expired invitation")
	_, err = s.AcceptInvite(ctx(t), court.NewID(), other.ID, clk.now())
	wantCode(t, err, court.ENotFound, "AcceptInvite of an unknown token")

	r, err := s.RevokeInvite(ctx(t), c.ID, revoked.ID, clk.now())
	must(t, err)
	if r.RevokedAt.IsZero() || r.ID != revoked.ID {
		t.Errorf("RevokeInvite: %+v", r)
	}
	_, err = s.AcceptInvite(ctx(t), revoked.TokenHash, other.ID, clk.now())
	wantCode(t, err, court.ENotFound, "AcceptInvite of a revoked invitation")
	_, err = s.RevokeInvite(ctx(t), c.ID, b1.ID, clk.now())
	wantCode(t, err, court.ENotFound, "RevokeInvite of an accepted invitation")
	_, err = s.RevokeInvite(ctx(t), court.NewID(), b2.ID, clk.now())
	wantCode(t, err, court.ENotFound, "RevokeInvite through another case")

	// The observer invitation failed for guest (already a member) and is
	// still usable by somebody else.
	if _, err := s.AcceptInvite(ctx(t), obs.TokenHash, other.ID, clk.now()); err != nil {
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

func testAuditChain(t *testing.T, s AccountStore) {
	clk := newClock()
	c := fixture(t, s, clk, false)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			e := &court.AuditEntry{CaseID: c.ID, Time: clk0(i), Actor: "u", Action: court.AuditDocumentAdded, Subject: court.NewID(), Digest: "d"}
			if err := s.AppendAudit(ctx(t), e); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	list, err := s.AuditEntries(ctx(t), c.ID)
	must(t, err)
	if len(list) != n {
		t.Fatalf("%d entries, want %d", len(list), n)
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

func testDeleteCaseDropsMembers(t *testing.T, s AccountStore) {
	clk := newClock()
	u := addUser(t, s, clk, "o@example.com")
	c := fixture(t, s, clk, false)
	must(t, s.AddMember(ctx(t), &auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: clk.now()}))
	now := clk.now()
	must(t, s.CreateInvite(ctx(t), &auth.Invite{ID: court.NewID(), CaseID: c.ID, TokenHash: "h", Role: auth.RoleB, CreatedBy: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}))
	must(t, s.AppendAudit(ctx(t), &court.AuditEntry{CaseID: c.ID, Time: now, Actor: u.ID, Action: court.AuditCaseFiled, Subject: c.ID, Digest: court.DigestCase(c)}))
	_, err := s.DeleteCase(ctx(t), c.ID)
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
