package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

var _ auth.Store = (*Store)(nil)

const sqlUserColumns = `SELECT id, email, name, password_hash, created_at, password_changed_at FROM users`

// CreateUser stores a new account; EConflict if the email is taken.
func (s *Store) CreateUser(ctx context.Context, u *auth.User) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO users (id, email, name, password_hash, created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		u.ID, u.Email, u.Name, u.PasswordHash, u.CreatedAt, u.PasswordChangedAt)
	if err != nil {
		return dbError(err, "The account could not be saved.")
	}
	return nil
}

// UserByEmail returns the account with the (lower-case) email.
func (s *Store) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	return s.user(ctx, sqlUserColumns+` WHERE email = $1`, email)
}

// UserByID returns the account with the id.
func (s *Store) UserByID(ctx context.Context, id string) (*auth.User, error) {
	return s.user(ctx, sqlUserColumns+` WHERE id = $1`, id)
}

func (s *Store) user(ctx context.Context, query, arg string) (*auth.User, error) {
	u := &auth.User{}
	err := s.pool.QueryRow(ctx, query, arg).Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.CreatedAt, &u.PasswordChangedAt)
	if errNoRows(err) {
		return nil, auth.ErrUserNotFound
	}
	if err != nil {
		return nil, dbError(err, "The account could not be read.")
	}
	u.CreatedAt, u.PasswordChangedAt = utc(u.CreatedAt), utc(u.PasswordChangedAt)
	return u, nil
}

// SetPassword replaces the hash and revokes all the user's sessions.
func (s *Store) SetPassword(ctx context.Context, userID, hash string, at time.Time) error {
	return s.inTx(ctx, func(t *txn) error {
		tag, err := t.tx.Exec(ctx, `UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3`, hash, at, userID)
		if err != nil {
			return dbError(err, "The password could not be changed.")
		}
		if tag.RowsAffected() == 0 {
			return auth.ErrUserNotFound
		}
		if _, err := t.tx.Exec(ctx, `UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, at, userID); err != nil {
			return dbError(err, "The sessions could not be revoked.")
		}
		return nil
	})
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess *auth.Session) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		sess.ID, sess.UserID, sess.CreatedAt, sess.ExpiresAt)
	if err != nil {
		return dbError(err, "The session could not be saved.")
	}
	return nil
}

// Session returns the session with the id, revoked or not.
func (s *Store) Session(ctx context.Context, id string) (*auth.Session, error) {
	sess := &auth.Session{ID: id}
	var revoked *time.Time
	err := s.pool.QueryRow(ctx, `SELECT user_id, created_at, expires_at, revoked_at FROM sessions WHERE id = $1`, id).
		Scan(&sess.UserID, &sess.CreatedAt, &sess.ExpiresAt, &revoked)
	if errNoRows(err) {
		return nil, auth.ErrSessionNotFound
	}
	if err != nil {
		return nil, dbError(err, "The session could not be read.")
	}
	sess.CreatedAt, sess.ExpiresAt = utc(sess.CreatedAt), utc(sess.ExpiresAt)
	if revoked != nil {
		sess.RevokedAt = utc(*revoked)
	}
	return sess, nil
}

// RevokeSession ends a session; ENotFound if there is none.
func (s *Store) RevokeSession(ctx context.Context, id string, at time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE sessions SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2`, at, id)
	if err != nil {
		return dbError(err, "The session could not be revoked.")
	}
	if tag.RowsAffected() == 0 {
		return auth.ErrSessionNotFound
	}
	return nil
}

// AddMember adds a member to a case.
func (s *Store) AddMember(ctx context.Context, m *auth.Member) error {
	return s.inTx(ctx, func(t *txn) error { return addMember(t, m) })
}

// AddMember adds a member to a case in the transaction: the owner of a
// case joins it in the transaction that files it.
func (t *txn) AddMember(m *auth.Member) (err error) {
	defer t.keep(&err)
	return addMember(t, m)
}

// addMember locks the case row first, as every write to a case does, so
// that two claims of one side queue and the second sees the first.
func addMember(t *txn, m *auth.Member) error {
	var one int
	if err := t.tx.QueryRow(t.ctx, `SELECT 1 FROM cases WHERE id = $1 FOR UPDATE`, m.CaseID).Scan(&one); errNoRows(err) {
		return court.ErrCaseNotFound
	} else if err != nil {
		return dbError(err, "The membership could not be saved.")
	}
	var member, held bool
	err := t.tx.QueryRow(t.ctx, `
		SELECT EXISTS (SELECT 1 FROM case_members WHERE case_id = $1 AND user_id = $2),
		       EXISTS (SELECT 1 FROM case_members WHERE case_id = $1 AND role = $3 AND role <> 'observer')`,
		m.CaseID, m.UserID, m.Role).Scan(&member, &held)
	switch {
	case err != nil:
		return dbError(err, "The membership could not be saved.")
	case member:
		return auth.ErrAlreadyMember
	case held:
		return auth.ErrSideTaken
	}
	_, err = t.tx.Exec(t.ctx, `INSERT INTO case_members (case_id, user_id, role, owner, joined_at) VALUES ($1, $2, $3, $4, $5)`,
		m.CaseID, m.UserID, m.Role, m.Owner, m.JoinedAt)
	if err != nil {
		return dbError(err, "The membership could not be saved.")
	}
	return nil
}

// Members returns the case's members in the order they joined.
func (s *Store) Members(ctx context.Context, caseID string) ([]auth.Member, error) {
	rows, err := s.pool.Query(ctx, `SELECT user_id, role, owner, joined_at FROM case_members WHERE case_id = $1 ORDER BY joined_at, user_id`, caseID)
	if err != nil {
		return nil, dbError(err, "The case's members could not be read.")
	}
	list := []auth.Member{}
	m := auth.Member{CaseID: caseID}
	_, err = pgx.ForEachRow(rows, []any{&m.UserID, &m.Role, &m.Owner, &m.JoinedAt}, func() error {
		m.JoinedAt = utc(m.JoinedAt)
		list = append(list, m)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "The case's members could not be read.")
	}
	return list, nil
}

// MemberCases lists the user's cases, newest activity first.
func (s *Store) MemberCases(ctx context.Context, userID string) ([]auth.CaseSummary, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT c.id, c.case_type, c.jurisdiction, c.status, m.role, m.owner, c.updated_at
		FROM case_members m JOIN cases c ON c.id = m.case_id
		WHERE m.user_id = $1 ORDER BY c.updated_at DESC, c.id`, userID)
	if err != nil {
		return nil, dbError(err, "The cases could not be listed.")
	}
	list := []auth.CaseSummary{}
	var c auth.CaseSummary
	_, err = pgx.ForEachRow(rows, []any{&c.ID, &c.CaseType, &c.Jurisdiction, &c.Status, &c.Role, &c.Owner, &c.UpdatedAt}, func() error {
		c.UpdatedAt = utc(c.UpdatedAt)
		list = append(list, c)
		return nil
	})
	if err != nil {
		return nil, dbError(err, "The cases could not be listed.")
	}
	return list, nil
}
