package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

const sqlInviteColumns = `SELECT id, case_id, token_hash, role, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at FROM invites`

// CreateInvite stores an invitation and, stamped with st, its audit
// entry.
func (s *Store) CreateInvite(ctx context.Context, inv *auth.Invite, st court.Stamp) error {
	return s.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`INSERT INTO invites (id, case_id, token_hash, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			inv.ID, inv.CaseID, inv.TokenHash, inv.Role, inv.CreatedBy, micros(inv.CreatedAt), micros(inv.ExpiresAt))
		if err != nil {
			return dbError(err, "The invitation could not be saved.")
		}
		return auth.RecordInvite(t, st, court.AuditInviteCreated, inv)
	})
}

type scanner interface{ Scan(...any) error }

func scanInvite(r scanner) (*auth.Invite, error) {
	inv := &auth.Invite{}
	var created, expires int64
	var acceptedBy sql.NullString
	var accepted, revoked sql.NullInt64
	if err := r.Scan(&inv.ID, &inv.CaseID, &inv.TokenHash, &inv.Role, &inv.CreatedBy, &created, &expires, &acceptedBy, &accepted, &revoked); err != nil {
		return nil, err
	}
	inv.CreatedAt, inv.ExpiresAt, inv.AcceptedBy = fromMicros(created), fromMicros(expires), acceptedBy.String
	if accepted.Valid {
		inv.AcceptedAt = fromMicros(accepted.Int64)
	}
	if revoked.Valid {
		inv.RevokedAt = fromMicros(revoked.Int64)
	}
	return inv, nil
}

// Invites lists the case's invitations, newest first.
func (s *Store) Invites(ctx context.Context, caseID string) ([]auth.Invite, error) {
	rows, err := s.read.QueryContext(ctx, sqlInviteColumns+` WHERE case_id = ? ORDER BY created_at DESC, id`, caseID)
	if err != nil {
		return nil, dbError(err, "The invitations could not be read.")
	}
	defer rows.Close()
	list := []auth.Invite{}
	for rows.Next() {
		inv, err := scanInvite(rows)
		if err != nil {
			return nil, dbError(err, "The invitations could not be read.")
		}
		list = append(list, *inv)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The invitations could not be read.")
	}
	return list, nil
}

// AcceptInvite claims an invitation and adds the membership, in one
// transaction on the single writer, so an invitation is used once; the
// audit entry, stamped with st, is appended in it too.
func (s *Store) AcceptInvite(ctx context.Context, tokenHash, userID string, at time.Time, st court.Stamp) (*auth.Invite, error) {
	var out *auth.Invite
	err := s.writeTx(ctx, func(t *txn) error {
		inv, err := scanInvite(t.queryRow(sqlInviteColumns+` WHERE token_hash = ?`, tokenHash))
		if errors.Is(err, sql.ErrNoRows) {
			return auth.ErrInviteNotValid
		}
		if err != nil {
			return dbError(err, "The invitation could not be read.")
		}
		if inv.AcceptedBy != "" || !inv.RevokedAt.IsZero() || !at.Before(inv.ExpiresAt) {
			return auth.ErrInviteNotValid
		}
		if err := addMember(t, &auth.Member{CaseID: inv.CaseID, UserID: userID, Role: inv.Role, JoinedAt: at}); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE invites SET accepted_by = ?, accepted_at = ? WHERE id = ?`, userID, micros(at), inv.ID); err != nil {
			return dbError(err, "The invitation could not be saved.")
		}
		inv.AcceptedBy, inv.AcceptedAt = userID, fromMicros(micros(at))
		if err := auth.RecordInvite(t, st, court.AuditInviteAccepted, inv); err != nil {
			return err
		}
		out = inv
		return nil
	})
	return out, err
}

// RevokeInvite revokes an unused invitation of the case and appends the
// audit entry, stamped with st.
func (s *Store) RevokeInvite(ctx context.Context, caseID, inviteID string, at time.Time, st court.Stamp) (*auth.Invite, error) {
	var out *auth.Invite
	err := s.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`UPDATE invites SET revoked_at = ? WHERE id = ? AND case_id = ? AND accepted_by IS NULL AND revoked_at IS NULL`,
			micros(at), inviteID, caseID)
		if err != nil {
			return dbError(err, "The invitation could not be revoked.")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return auth.ErrInviteNotValid
		}
		inv, err := scanInvite(t.queryRow(sqlInviteColumns+` WHERE id = ?`, inviteID))
		if err != nil {
			return dbError(err, "The invitation could not be read.")
		}
		if err := auth.RecordInvite(t, st, court.AuditInviteRevoked, inv); err != nil {
			return err
		}
		out = inv
		return nil
	})
	return out, err
}
