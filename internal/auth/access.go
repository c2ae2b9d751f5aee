package auth

import (
	"context"

	"github.com/aijudge/aijudge/internal/court"
)

// errNoCase is what a non-member hears about any case, existing or not,
// word for word what the court says of a case that does not exist: case
// ids cannot be probed.
var errNoCase = court.Errorf(court.ENotFound, "This case does not exist.")

// Access is what one member may do in one case.
type Access struct {
	Member Member
	// held lists the sides some member holds.
	held map[Role]bool
}

// Access returns the user's access to the case, or ENotFound ("This case
// does not exist.") when the user is not a member or there is no case.
func (s *Service) Access(ctx context.Context, caseID, userID string) (*Access, error) {
	members, err := s.o.Store.Members(ctx, caseID)
	if err != nil {
		return nil, err
	}
	a := &Access{held: map[Role]bool{}}
	found := false
	for _, m := range members {
		if m.Role != RoleObserver {
			a.held[m.Role] = true
		}
		if m.UserID == userID {
			a.Member, found = m, true
		}
	}
	if !found {
		return nil, errNoCase
	}
	return a, nil
}

// Owner reports whether the member filed the case.
func (a *Access) Owner() bool { return a.Member.Owner }

// Party reports whether the member is one of the sides.
func (a *Access) Party() bool { return a.Member.Role == RoleA || a.Member.Role == RoleB }

// ActsFor reports whether the member may act as side: the side they hold,
// and for the owner also the other side while nobody has claimed it.
func (a *Access) ActsFor(side court.SideID) bool {
	r := Role(side)
	return a.Member.Role == r || a.Member.Owner && !a.held[r]
}

// Sides lists the sides the member may act for.
func (a *Access) Sides() []court.SideID {
	var out []court.SideID
	for _, s := range []court.SideID{court.SideA, court.SideB} {
		if a.ActsFor(s) {
			out = append(out, s)
		}
	}
	return out
}

// AddOwner makes the user who filed the case its owner, holding side, in
// tx, the transaction that files the case (a store transaction, which
// implements Tx).
func (s *Service) AddOwner(tx any, caseID, userID string, side court.SideID) error {
	t, ok := tx.(Tx)
	if !ok {
		return court.Errorf(court.EInternal, "This store cannot add a member with a filing.")
	}
	return t.AddMember(&Member{CaseID: caseID, UserID: userID, Role: Role(side), Owner: true, JoinedAt: s.o.Now().UTC()})
}

// Cases lists the user's cases, newest activity first.
func (s *Service) Cases(ctx context.Context, userID string) ([]CaseSummary, error) {
	return s.o.Store.MemberCases(ctx, userID)
}

// CreateInvite makes a single-use invitation to the case in role and
// returns it with its token, which is shown this once: only its hash is
// stored.
func (s *Service) CreateInvite(ctx context.Context, a *Access, role Role, st court.Stamp) (*Invite, string, error) {
	if role != RoleObserver && a.held[role] {
		return nil, "", ErrSideTaken
	}
	now := s.o.Now().UTC()
	token := newSecret()
	inv := &Invite{ID: court.NewID(), CaseID: a.Member.CaseID, TokenHash: hashSecret(token), Role: role,
		CreatedBy: a.Member.UserID, CreatedAt: now, ExpiresAt: now.Add(s.o.InviteTTL)}
	if err := s.o.Store.CreateInvite(ctx, inv, st); err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// InviteDigest is what the audit log records of an invitation.
func InviteDigest(inv *Invite) string {
	return court.Digest([]any{"invite", inv.ID, inv.CaseID, inv.TokenHash, inv.Role, inv.CreatedBy,
		inv.CreatedAt.UnixMicro(), inv.ExpiresAt.UnixMicro(), inv.AcceptedBy, inv.AcceptedAt.UnixMicro(), inv.RevokedAt.UnixMicro()})
}

// RecordInvite appends, with st, the audit entry of inv as it stands after
// action (one of court.AuditInvite…); stores call it in the invitation's
// write transaction.
func RecordInvite(tx court.Appender, st court.Stamp, action string, inv *Invite) error {
	return st.Record(tx, inv.CaseID, action, inv.ID, InviteDigest(inv))
}

// AcceptInvite claims the invitation for the user.
func (s *Service) AcceptInvite(ctx context.Context, token, userID string, st court.Stamp) (*Invite, error) {
	if token == "" || len(token) > 128 {
		return nil, ErrInviteNotValid
	}
	return s.o.Store.AcceptInvite(ctx, hashSecret(token), userID, s.o.Now().UTC(), st)
}

// Invites lists the case's invitations.
func (s *Service) Invites(ctx context.Context, caseID string) ([]Invite, error) {
	return s.o.Store.Invites(ctx, caseID)
}

// RevokeInvite revokes an unused invitation.
func (s *Service) RevokeInvite(ctx context.Context, caseID, inviteID string, st court.Stamp) (*Invite, error) {
	return s.o.Store.RevokeInvite(ctx, caseID, inviteID, s.o.Now().UTC(), st)
}
