// Package clerk is the application service every front end calls for a
// case: the JSON API, the pages and the command line. Like a court's
// clerk it files cases, registers who sits where, and lets each person do
// only what their seat allows, before the court (court.Service) acts.
//
// Access rules live here and nowhere else. In AUTH_MODE=accounts a seat
// is a membership of the case (internal/auth): members read, the parties
// write and act for their own side (the filer also for the other side
// while nobody holds it), and the filer manages invitations and may
// delete the case. A non-member hears that the case does not exist,
// whether it does or not. In AUTH_MODE=open (no auth.Service) everybody
// sits everywhere.
package clerk

import (
	"context"
	"io"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

// Clerk checks seats and passes each case operation to the court.
type Clerk struct {
	court *court.Service
	auth  *auth.Service // nil in AUTH_MODE=open
}

// New returns a Clerk for the court; a nil auth means AUTH_MODE=open.
func New(c *court.Service, a *auth.Service) *Clerk {
	return &Clerk{court: c, auth: a}
}

// Court is the court the clerk serves, for what needs no seat (its
// readiness, its judge).
func (k *Clerk) Court() *court.Service { return k.court }

// Need is what an operation asks of a seat.
type Need int

// The needs, each including the ones before it.
const (
	Read  Need = iota + 1 // any member: read the case, its documents, its audit log
	Write                 // a party (side A or B): judgment, arguments, documents, final verdict
	Own                   // the member who filed the case: invitations, deletion
)

// Seat is a caller's place in one case, checked against what they asked
// to do with it.
type Seat struct {
	caseID string
	need   Need
	// access is nil in AUTH_MODE=open, where every seat may do anything.
	access *auth.Access
}

// CaseID is the case the seat is in.
func (s *Seat) CaseID() string { return s.caseID }

// Access is the membership behind the seat, or nil in AUTH_MODE=open.
func (s *Seat) Access() *auth.Access { return s.access }

// ActsFor reports whether the seat may act as side.
func (s *Seat) ActsFor(side court.SideID) bool { return s.access == nil || s.access.ActsFor(side) }

// Seat returns userID's seat in the case for need, or the refusal:
// ENotFound for a non-member (or no case), EForbidden for an observer
// asking to write or a non-owner asking to own. userID is empty in
// AUTH_MODE=open.
func (k *Clerk) Seat(ctx context.Context, userID, caseID string, need Need) (*Seat, error) {
	if k.auth == nil {
		return &Seat{caseID: caseID, need: need}, nil
	}
	if userID == "" {
		return nil, auth.LoginNeeded()
	}
	a, err := k.auth.Access(ctx, caseID, userID)
	if err != nil {
		return nil, err
	}
	switch {
	case need >= Write && !a.Party():
		return nil, court.Errorf(court.EForbidden, "Observers may read this case but not change it.")
	case need >= Own && !a.Owner():
		return nil, court.Errorf(court.EForbidden, "Only the member who filed this case may do this.")
	}
	return &Seat{caseID: caseID, need: need, access: a}, nil
}

// allow refuses a seat taken for less than need: a front end that asked
// for a reading seat cannot write with it.
func (s *Seat) allow(need Need) error {
	if s == nil || s.need < need {
		return court.Errorf(court.EForbidden, "You may not do this in this case.")
	}
	return nil
}

// actFor refuses acting as a side the seat does not hold.
func (s *Seat) actFor(side court.SideID) error {
	if err := s.allow(Write); err != nil {
		return err
	}
	if !s.ActsFor(side) {
		return court.Errorf(court.EForbidden, "You may not act for Side %s in this case.", side)
	}
	return nil
}

// File files the case for userID (empty in AUTH_MODE=open). With
// accounts, the filer becomes its owner holding f.CreatorSide, in the
// transaction that stores the case, followed by then: the case, its
// owner and what then records are stored together, or none of them.
func (k *Clerk) File(ctx context.Context, userID string, f *court.Filing, then court.Then[*court.Case]) (*court.Case, error) {
	if k.auth == nil {
		return k.court.File(ctx, f, then)
	}
	if userID == "" {
		return nil, auth.LoginNeeded()
	}
	side := f.CreatorSide
	if side == "" {
		side = court.SideA
	}
	return k.court.File(ctx, f, func(tx court.Tx, c *court.Case) error {
		if err := k.auth.AddOwner(tx, c.ID, userID, side); err != nil {
			return err
		}
		if then == nil {
			return nil
		}
		return then(tx, c)
	})
}

// Case returns the case with everything in it.
func (k *Clerk) Case(ctx context.Context, s *Seat) (*court.Case, error) {
	if err := s.allow(Read); err != nil {
		return nil, err
	}
	return k.court.Case(ctx, s.caseID)
}

// Judgment returns the latest judgment, asking the judge for a tentative
// one when there is none; see court.Service.Judgment.
func (k *Clerk) Judgment(ctx context.Context, s *Seat, out court.Stream) (*court.Judgment, bool, error) {
	if err := s.allow(Write); err != nil {
		return nil, false, err
	}
	return k.court.Judgment(ctx, s.caseID, out)
}

// Argue puts side's argument to the judge; then is recorded with the
// answer. It returns the answered argument and the arguments left.
func (k *Clerk) Argue(ctx context.Context, s *Seat, side court.SideID, text string, out court.Stream, then court.Then[*court.Argument]) (*court.Argument, int, error) {
	if side != court.SideA && side != court.SideB {
		return nil, 0, court.Errorf(court.EInvalid, "side must be \"A\" or \"B\".")
	}
	if err := s.actFor(side); err != nil {
		return nil, 0, err
	}
	return k.court.Argue(ctx, s.caseID, side, text, out, then)
}

// FinalVerdict delivers the final verdict, or returns the one delivered.
func (k *Clerk) FinalVerdict(ctx context.Context, s *Seat, out court.Stream) (*court.Judgment, bool, error) {
	if err := s.allow(Write); err != nil {
		return nil, false, err
	}
	return k.court.FinalVerdict(ctx, s.caseID, out)
}

// Appeal appeals the final verdict for side, a party's own; then is
// recorded with the appeal judgment.
func (k *Clerk) Appeal(ctx context.Context, s *Seat, side court.SideID, out court.Stream, then court.Then[*court.Judgment]) (*court.Judgment, error) {
	if side != court.SideA && side != court.SideB {
		return nil, court.Errorf(court.EInvalid, "side must be \"A\" or \"B\".").On("side")
	}
	if err := s.actFor(side); err != nil {
		return nil, err
	}
	return k.court.Appeal(ctx, s.caseID, side, out, then)
}

// AddDocuments adds documents to side of an open case.
func (k *Clerk) AddDocuments(ctx context.Context, s *Seat, side court.SideID, uploads []court.Upload) ([]court.Document, error) {
	if err := s.actFor(side); err != nil {
		return nil, err
	}
	return k.court.AddDocuments(ctx, s.caseID, side, uploads)
}

// Document returns a document's metadata and its original.
func (k *Clerk) Document(ctx context.Context, s *Seat, docID string) (*court.Document, io.ReadCloser, error) {
	if err := s.allow(Read); err != nil {
		return nil, nil, err
	}
	return k.court.Document(ctx, s.caseID, docID)
}

// AuditTrail returns the case's audit log.
func (k *Clerk) AuditTrail(ctx context.Context, s *Seat) ([]court.AuditEntry, error) {
	if err := s.allow(Read); err != nil {
		return nil, err
	}
	list, err := k.court.AuditTrail(ctx, s.caseID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 && k.auth == nil {
		// In open mode there is no membership to hide behind: an unknown
		// case is simply not found.
		if _, err := k.court.Case(ctx, s.caseID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// Delete removes the case and its documents.
func (k *Clerk) Delete(ctx context.Context, s *Seat) error {
	if err := s.allow(Own); err != nil {
		return err
	}
	return k.court.DeleteCase(ctx, s.caseID)
}

// errNoAccounts refuses invitations in AUTH_MODE=open, where there is
// nobody to invite.
var errNoAccounts = court.Errorf(court.ENotFound, "This server has no accounts.")

// Invite makes a single-use invitation to the case in role, returning it
// with its token (shown this once).
func (k *Clerk) Invite(ctx context.Context, s *Seat, role auth.Role) (*auth.Invite, string, error) {
	if k.auth == nil {
		return nil, "", errNoAccounts
	}
	if err := s.allow(Own); err != nil {
		return nil, "", err
	}
	return k.auth.CreateInvite(ctx, s.access, role, k.court.Stamp(ctx))
}

// Invites lists the case's invitations.
func (k *Clerk) Invites(ctx context.Context, s *Seat) ([]auth.Invite, error) {
	if k.auth == nil {
		return nil, errNoAccounts
	}
	if err := s.allow(Own); err != nil {
		return nil, err
	}
	return k.auth.Invites(ctx, s.caseID)
}

// RevokeInvite revokes an unused invitation of the case.
func (k *Clerk) RevokeInvite(ctx context.Context, s *Seat, inviteID string) (*auth.Invite, error) {
	if k.auth == nil {
		return nil, errNoAccounts
	}
	if err := s.allow(Own); err != nil {
		return nil, err
	}
	return k.auth.RevokeInvite(ctx, s.caseID, inviteID, k.court.Stamp(ctx))
}

// AcceptInvite seats userID in the case the invitation is for.
func (k *Clerk) AcceptInvite(ctx context.Context, userID, token string) (*auth.Invite, error) {
	if k.auth == nil {
		return nil, errNoAccounts
	}
	if userID == "" {
		return nil, auth.LoginNeeded()
	}
	return k.auth.AcceptInvite(ctx, token, userID, k.court.Stamp(ctx))
}
