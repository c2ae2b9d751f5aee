package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

const sqlInviteColumns = `SELECT id, case_id, token_hash, role, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at FROM invites`

// CreateInvite stores an invitation and, stamped with st, its audit
// entry.
func (s *Store) CreateInvite(ctx context.Context, inv *auth.Invite, st court.Stamp) error {
	return s.inTx(ctx, func(t *txn) error {
		_, err := t.tx.Exec(ctx, `INSERT INTO invites (id, case_id, token_hash, role, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			inv.ID, inv.CaseID, inv.TokenHash, inv.Role, inv.CreatedBy, inv.CreatedAt, inv.ExpiresAt)
		if err != nil {
			return dbError(err, "The invitation could not be saved.")
		}
		return auth.RecordInvite(t, st, court.AuditInviteCreated, inv)
	})
}

func scanInvite(r pgx.Row) (*auth.Invite, error) {
	inv := &auth.Invite{}
	var acceptedBy *string
	var accepted, revoked *time.Time
	if err := r.Scan(&inv.ID, &inv.CaseID, &inv.TokenHash, &inv.Role, &inv.CreatedBy, &inv.CreatedAt, &inv.ExpiresAt, &acceptedBy, &accepted, &revoked); err != nil {
		return nil, err
	}
	inv.CreatedAt, inv.ExpiresAt = utc(inv.CreatedAt), utc(inv.ExpiresAt)
	if acceptedBy != nil {
		inv.AcceptedBy = *acceptedBy
	}
	if accepted != nil {
		inv.AcceptedAt = utc(*accepted)
	}
	if revoked != nil {
		inv.RevokedAt = utc(*revoked)
	}
	return inv, nil
}

// Invites lists the case's invitations, newest first.
func (s *Store) Invites(ctx context.Context, caseID string) ([]auth.Invite, error) {
	rows, err := s.pool.Query(ctx, sqlInviteColumns+` WHERE case_id = $1 ORDER BY created_at DESC, id`, caseID)
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

// AcceptInvite claims an invitation and adds the membership in one
// transaction; the invitation's row lock makes it single-use. The audit
// entry, stamped with st, is appended in it too.
func (s *Store) AcceptInvite(ctx context.Context, tokenHash, userID string, at time.Time, st court.Stamp) (*auth.Invite, error) {
	var out *auth.Invite
	err := s.inTx(ctx, func(t *txn) error {
		inv, err := scanInvite(t.tx.QueryRow(ctx, sqlInviteColumns+` WHERE token_hash = $1 FOR UPDATE`, tokenHash))
		if errNoRows(err) {
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
		if _, err := t.tx.Exec(ctx, `UPDATE invites SET accepted_by = $1, accepted_at = $2 WHERE id = $3`, userID, at, inv.ID); err != nil {
			return dbError(err, "The invitation could not be saved.")
		}
		inv.AcceptedBy, inv.AcceptedAt = userID, time.UnixMicro(at.UnixMicro()).UTC()
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
	err := s.inTx(ctx, func(t *txn) error {
		inv, err := scanInvite(t.tx.QueryRow(ctx, `
			UPDATE invites SET revoked_at = $1
			WHERE id = $2 AND case_id = $3 AND accepted_by IS NULL AND revoked_at IS NULL
			RETURNING id, case_id, token_hash, role, created_by, created_at, expires_at, accepted_by, accepted_at, revoked_at`,
			at, inviteID, caseID))
		if errNoRows(err) {
			return auth.ErrInviteNotValid
		}
		if err != nil {
			return dbError(err, "The invitation could not be revoked.")
		}
		if err := auth.RecordInvite(t, st, court.AuditInviteRevoked, inv); err != nil {
			return err
		}
		out = inv
		return nil
	})
	return out, err
}
