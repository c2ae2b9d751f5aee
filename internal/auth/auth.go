// Package auth is accounts, sessions and case membership for
// AUTH_MODE=accounts: who a request comes from, and what that person may
// do with a case. It declares the Store it needs (users, sessions,
// memberships, invitations); internal/sqlite and internal/postgres
// implement it next to their court.Store, and internal/storetest's
// RunAccounts is the suite both pass.
//
// The court domain knows nothing of users: membership is checked in the
// web layer, keyed on the case id in the route, before the court.Service
// is called. That keeps the trial's rules testable without accounts and
// lets AUTH_MODE=open serve the same Service with no checks at all.
package auth

import (
	"context"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// User is an account.
type User struct {
	ID                string    `json:"id"`
	Email             string    `json:"email"` // lower case
	Name              string    `json:"name"`
	PasswordHash      string    `json:"-"`
	CreatedAt         time.Time `json:"createdAt"`
	PasswordChangedAt time.Time `json:"-"`
}

// Session is one login. Its ID is the hex SHA-256 of the secret in the
// browser's cookie, so the database never holds a usable cookie; bearer
// tokens name the session by this ID (claim "sid"), so revoking the
// session revokes the cookie and every token issued with it.
type Session struct {
	ID        string
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt time.Time // zero while the session is valid
}

// Role is what a member is in a case: one of the sides, or an observer.
type Role string

// The roles.
const (
	RoleA        Role = "A"
	RoleB        Role = "B"
	RoleObserver Role = "observer"
)

// ParseRole accepts "A", "B" and "observer" in any letter case.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleA, RoleB, RoleObserver:
		return r, nil
	case "a":
		return RoleA, nil
	case "b":
		return RoleB, nil
	case "Observer", "OBSERVER":
		return RoleObserver, nil
	}
	return "", court.Errorf(court.EInvalid, "role must be \"A\", \"B\" or \"observer\".")
}

// Member is a user's place in a case. The Owner filed the case.
type Member struct {
	CaseID   string    `json:"caseId"`
	UserID   string    `json:"userId"`
	Role     Role      `json:"role"`
	Owner    bool      `json:"owner"`
	JoinedAt time.Time `json:"joinedAt"`
}

// CaseSummary is one line of a user's list of cases.
type CaseSummary struct {
	ID           string             `json:"id"`
	CaseType     court.CaseType     `json:"caseType"`
	Jurisdiction court.Jurisdiction `json:"jurisdiction"`
	Status       court.Status       `json:"status"`
	Role         Role               `json:"role"`
	Owner        bool               `json:"owner"`
	UpdatedAt    time.Time          `json:"updatedAt"`
}

// Invite lets whoever holds its token join a case in Role, once, until
// ExpiresAt. Only the SHA-256 of the token is stored.
type Invite struct {
	ID         string    `json:"id"`
	CaseID     string    `json:"caseId"`
	TokenHash  string    `json:"-"`
	Role       Role      `json:"role"`
	CreatedBy  string    `json:"createdBy"`
	CreatedAt  time.Time `json:"createdAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
	AcceptedBy string    `json:"acceptedBy,omitempty"`
	AcceptedAt time.Time `json:"acceptedAt,omitzero"`
	RevokedAt  time.Time `json:"revokedAt,omitzero"`
}

// Store keeps accounts, sessions, memberships and invitations. Errors use
// the court's codes: ENotFound for a missing row, EConflict for a
// duplicate (an email registered twice, a side claimed twice). The
// invitation writes append their entry to the case's audit log, stamped
// with st (InviteDigest; a zero court.Stamp appends none), in their own
// transaction.
type Store interface {
	CreateUser(ctx context.Context, u *User) error
	UserByEmail(ctx context.Context, email string) (*User, error)
	UserByID(ctx context.Context, id string) (*User, error)
	// SetPassword replaces the user's password hash and revokes every
	// session of the user, in one transaction.
	SetPassword(ctx context.Context, userID, hash string, at time.Time) error

	CreateSession(ctx context.Context, s *Session) error
	// Session returns the session, revoked or expired ones included: the
	// caller decides. ENotFound if there is none.
	Session(ctx context.Context, id string) (*Session, error)
	RevokeSession(ctx context.Context, id string, at time.Time) error

	// AddMember adds m; EConflict if the user is already a member or
	// the side is already held.
	AddMember(ctx context.Context, m *Member) error
	// Members returns the case's members (none for an unknown case).
	Members(ctx context.Context, caseID string) ([]Member, error)
	// MemberCases lists the user's cases, newest activity first.
	MemberCases(ctx context.Context, userID string) ([]CaseSummary, error)

	CreateInvite(ctx context.Context, inv *Invite, st court.Stamp) error
	// Invites lists the case's invitations, newest first.
	Invites(ctx context.Context, caseID string) ([]Invite, error)
	// AcceptInvite claims the invitation whose token hashes to tokenHash
	// for userID, adding the membership in the same transaction. It
	// returns ENotFound for an unknown, used, revoked or expired
	// invitation, and EConflict when the role's side is already held or
	// the user is already a member.
	AcceptInvite(ctx context.Context, tokenHash, userID string, at time.Time, st court.Stamp) (*Invite, error)
	// RevokeInvite revokes an unused invitation of the case; ENotFound
	// if there is none.
	RevokeInvite(ctx context.Context, caseID, inviteID string, at time.Time, st court.Stamp) (*Invite, error)
}

// Tx is the part of a store's write transaction that adds a membership
// together with another write: the filer of a case becomes its owner in
// the transaction that files it (court.Store.InTx).
type Tx interface {
	// AddMember adds m; EConflict as Store.AddMember.
	AddMember(m *Member) error
}

// Errors the stores share, worded for users.
var (
	ErrUserNotFound    = court.Errorf(court.ENotFound, "No such account.")
	ErrSessionNotFound = court.Errorf(court.ENotFound, "No such session.")
	ErrInviteNotValid  = court.Errorf(court.ENotFound, "This invitation is not valid: it was used, revoked or has expired.")
	ErrSideTaken       = court.Errorf(court.EConflict, "That side of the case has already been claimed.")
	ErrAlreadyMember   = court.Errorf(court.EConflict, "You are already a member of this case.")
)
