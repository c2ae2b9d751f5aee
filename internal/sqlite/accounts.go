package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
)

var _ auth.Store = (*Store)(nil)

const sqlUserColumns = `SELECT id, email, name, password_hash, created_at, password_changed_at FROM users`

// CreateUser stores a new account; EConflict if the email is taken.
func (s *Store) CreateUser(ctx context.Context, u *auth.User) error {
	return s.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)`,
			u.ID, u.Email, u.Name, u.PasswordHash, micros(u.CreatedAt), micros(u.PasswordChangedAt))
		if err != nil {
			return dbError(err, "The account could not be saved.")
		}
		return nil
	})
}

// UserByEmail returns the account with the (lower-case) email.
func (s *Store) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	return s.user(ctx, sqlUserColumns+` WHERE email = ?`, email)
}

// UserByID returns the account with the id.
func (s *Store) UserByID(ctx context.Context, id string) (*auth.User, error) {
	return s.user(ctx, sqlUserColumns+` WHERE id = ?`, id)
}

func (s *Store) user(ctx context.Context, query string, arg string) (*auth.User, error) {
	u := &auth.User{}
	var created, changed int64
	err := s.read.QueryRowContext(ctx, query, arg).Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &created, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, auth.ErrUserNotFound
	}
	if err != nil {
		return nil, dbError(err, "The account could not be read.")
	}
	u.CreatedAt, u.PasswordChangedAt = fromMicros(created), fromMicros(changed)
	return u, nil
}

// SetPassword replaces the hash and revokes all the user's sessions.
func (s *Store) SetPassword(ctx context.Context, userID, hash string, at time.Time) error {
	return s.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?`, hash, micros(at), userID)
		if err != nil {
			return dbError(err, "The password could not be changed.")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return auth.ErrUserNotFound
		}
		if _, err := t.exec(`UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, micros(at), userID); err != nil {
			return dbError(err, "The sessions could not be revoked.")
		}
		return nil
	})
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess *auth.Session) error {
	return s.writeTx(ctx, func(t *txn) error {
		_, err := t.exec(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			sess.ID, sess.UserID, micros(sess.CreatedAt), micros(sess.ExpiresAt))
		if err != nil {
			return dbError(err, "The session could not be saved.")
		}
		return nil
	})
}

// Session returns the session with the id, revoked or not.
func (s *Store) Session(ctx context.Context, id string) (*auth.Session, error) {
	sess := &auth.Session{ID: id}
	var created, expires int64
	var revoked sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT user_id, created_at, expires_at, revoked_at FROM sessions WHERE id = ?`, id).
		Scan(&sess.UserID, &created, &expires, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, auth.ErrSessionNotFound
	}
	if err != nil {
		return nil, dbError(err, "The session could not be read.")
	}
	sess.CreatedAt, sess.ExpiresAt = fromMicros(created), fromMicros(expires)
	if revoked.Valid {
		sess.RevokedAt = fromMicros(revoked.Int64)
	}
	return sess, nil
}

// RevokeSession ends a session; ENotFound if there is none.
func (s *Store) RevokeSession(ctx context.Context, id string, at time.Time) error {
	return s.writeTx(ctx, func(t *txn) error {
		res, err := t.exec(`UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`, micros(at), id)
		if err != nil {
			return dbError(err, "The session could not be revoked.")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return auth.ErrSessionNotFound
		}
		return nil
	})
}

// AddMember adds a member to a case.
func (s *Store) AddMember(ctx context.Context, m *auth.Member) error {
	return s.writeTx(ctx, func(t *txn) error { return addMember(t, m) })
}

// AddMember adds a member to a case in the transaction: the owner of a
// case joins it in the transaction that files it.
func (t *txn) AddMember(m *auth.Member) (err error) {
	defer t.keep(&err)
	return addMember(t, m)
}

// addMember checks for a duplicate membership or a held side first, so
// that each gets its own message rather than a generic conflict.
func addMember(t *txn, m *auth.Member) error {
	var n int
	err := t.queryRow(`SELECT COUNT(*) FROM case_members WHERE case_id = ? AND user_id = ?`, m.CaseID, m.UserID).Scan(&n)
	if err == nil && n > 0 {
		return auth.ErrAlreadyMember
	}
	if err == nil && m.Role != auth.RoleObserver {
		err = t.queryRow(`SELECT COUNT(*) FROM case_members WHERE case_id = ? AND role = ?`, m.CaseID, m.Role).Scan(&n)
		if err == nil && n > 0 {
			return auth.ErrSideTaken
		}
	}
	if err != nil {
		return dbError(err, "The membership could not be saved.")
	}
	_, err = t.exec(`INSERT INTO case_members (case_id, user_id, role, owner, joined_at) VALUES (?, ?, ?, ?, ?)`,
		m.CaseID, m.UserID, m.Role, m.Owner, micros(m.JoinedAt))
	if err != nil {
		return dbError(err, "The membership could not be saved.")
	}
	return nil
}

// Members returns the case's members in the order they joined.
func (s *Store) Members(ctx context.Context, caseID string) ([]auth.Member, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT user_id, role, owner, joined_at FROM case_members WHERE case_id = ? ORDER BY joined_at, user_id`, caseID)
	if err != nil {
		return nil, dbError(err, "The case's members could not be read.")
	}
	defer rows.Close()
	list := []auth.Member{}
	for rows.Next() {
		m := auth.Member{CaseID: caseID}
		var joined int64
		if err := rows.Scan(&m.UserID, &m.Role, &m.Owner, &joined); err != nil {
			return nil, dbError(err, "The case's members could not be read.")
		}
		m.JoinedAt = fromMicros(joined)
		list = append(list, m)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The case's members could not be read.")
	}
	return list, nil
}

// MemberCases lists the user's cases, newest activity first.
func (s *Store) MemberCases(ctx context.Context, userID string) ([]auth.CaseSummary, error) {
	rows, err := s.read.QueryContext(ctx, `
		SELECT c.id, c.case_type, c.jurisdiction, c.status, m.role, m.owner, c.updated_at
		FROM case_members m JOIN cases c ON c.id = m.case_id
		WHERE m.user_id = ? ORDER BY c.updated_at DESC, c.id`, userID)
	if err != nil {
		return nil, dbError(err, "The cases could not be listed.")
	}
	defer rows.Close()
	list := []auth.CaseSummary{}
	for rows.Next() {
		var c auth.CaseSummary
		var updated int64
		if err := rows.Scan(&c.ID, &c.CaseType, &c.Jurisdiction, &c.Status, &c.Role, &c.Owner, &updated); err != nil {
			return nil, dbError(err, "The cases could not be listed.")
		}
		c.UpdatedAt = fromMicros(updated)
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError(err, "The cases could not be listed.")
	}
	return list, nil
}
