package auth

import (
	"context"
	"log/slog"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/auth/commonpw"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/ratelimit"
)

// Options configure a Service. Store and Secret are required.
type Options struct {
	Store Store
	// Secret signs bearer tokens (HS256); at least 32 bytes.
	Secret []byte
	// Limiter throttles logins per account and per client address; nil
	// throttles nothing.
	Limiter ratelimit.Limiter
	Logger  *slog.Logger

	TokenTTL   time.Duration // bearer tokens; 15 minutes by default
	SessionTTL time.Duration // sessions (the cookie); 7 days by default
	InviteTTL  time.Duration // invitations; 7 days by default
	// LoginsPerAccount, LoginsPerAccountCap and LoginsPerAddress are the
	// login attempts allowed per LoginWindow: for one account from one
	// address (failures only: a success clears them; five times as many
	// over 96 windows slow it down further), for one account
	// from all addresses, and from one address (10, 100 and 50 per 15
	// minutes by default).
	LoginsPerAccount    int
	LoginsPerAccountCap int
	LoginsPerAddress    int
	LoginWindow         time.Duration
	// Params are argon2id's costs; zero means DefaultParams.
	Params Params
	Now    func() time.Time
}

// Service registers users, logs them in and out, authenticates requests
// and manages memberships and invitations.
type Service struct {
	o     Options
	log   *slog.Logger
	dummy string // a hash to check unknown emails against
}

// NewService returns a Service.
func NewService(o Options) *Service {
	if o.TokenTTL <= 0 {
		o.TokenTTL = 15 * time.Minute
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 7 * 24 * time.Hour
	}
	if o.InviteTTL <= 0 {
		o.InviteTTL = 7 * 24 * time.Hour
	}
	if o.LoginsPerAccount <= 0 {
		o.LoginsPerAccount = 10
	}
	if o.LoginsPerAccountCap <= 0 {
		o.LoginsPerAccountCap = 10 * o.LoginsPerAccount
	}
	if o.LoginsPerAddress <= 0 {
		o.LoginsPerAddress = 50
	}
	if o.LoginWindow <= 0 {
		o.LoginWindow = 15 * time.Minute
	}
	if o.Params.Time == 0 {
		o.Params = DefaultParams
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Service{o: o, log: o.Logger, dummy: HashPassword(newSecret(), o.Params)}
}

// SessionTTL is how long a session (and its cookie) lasts.
func (s *Service) SessionTTL() time.Duration { return s.o.SessionTTL }

// Limits on what a user types.
const (
	MinPasswordChars = 8
	MaxPasswordChars = 256
	MaxNameChars     = 100
)

var (
	errRegistration = court.Errorf(court.EInvalid, "Registration failed; if you already have an account, log in.")
	errLogin        = court.Errorf(court.EUnauthorized, "The email or password is incorrect.")
	errLoginNeeded  = court.Errorf(court.EUnauthorized, "Log in to do this.")
	errSession      = court.Errorf(court.EUnauthorized, "Your session has ended; log in again.")
)

func normalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return "", court.Errorf(court.EInvalid, "email is not a valid email address.")
	}
	return s, nil
}

// checkPasswordRules is the password policy of NIST SP 800-63B (5.1.1.2):
// at least 8 characters and up to 256, any characters, no composition
// rules, and none of the passwords found most often in leaked sets, a
// character repeated or a plain run ("aaaaaaaa", "12345678", "abcdefgh"),
// or the account's own email, its name before the @, or the user's name.
// The refusal says which rule the password broke.
func checkPasswordRules(field, p, email, name string) error {
	n := utf8.RuneCountInString(p)
	if n < MinPasswordChars {
		return court.Errorf(court.EInvalid, "%s must have at least %d characters.", field, MinPasswordChars)
	}
	if n > MaxPasswordChars || !utf8.ValidString(p) {
		return court.Errorf(court.EInvalid, "%s must be valid text of at most %d characters.", field, MaxPasswordChars)
	}
	low := strings.ToLower(p)
	local, _, _ := strings.Cut(email, "@")
	for _, own := range []string{email, local, strings.ToLower(strings.TrimSpace(name))} {
		if own != "" && (low == own || strings.ReplaceAll(low, " ", "") == strings.ReplaceAll(own, " ", "")) {
			return court.Errorf(court.EInvalid, "%s must not be your email address or your name.", field)
		}
	}
	if plainRun(low) {
		return court.Errorf(court.EInvalid, "%s must not be one character repeated or a run such as 12345678 or abcdefgh.", field)
	}
	if commonpw.Contains(p) {
		return court.Errorf(court.EInvalid, "%s is one of the passwords most often found in leaked password lists; choose another.", field)
	}
	return nil
}

// plainRun reports whether s is one character repeated, or characters
// each one more (or one less) than the one before.
func plainRun(s string) bool {
	r := []rune(s)
	if len(r) < 2 {
		return false
	}
	for _, step := range []rune{0, 1, -1} {
		run := true
		for i := 1; i < len(r) && run; i++ {
			run = r[i]-r[i-1] == step
		}
		if run {
			return true
		}
	}
	return false
}

// Register creates an account. Registering an email that already has an
// account fails with the same message as any other refusal, after the
// same work (the password is hashed first), so the answer does not say
// which emails are registered beyond what success itself says.
func (s *Service) Register(ctx context.Context, email, password, name, clientIP string) (*User, error) {
	if err := s.throttle(ctx, "register-ip:"+clientIP, s.o.LoginsPerAddress); err != nil {
		return nil, err
	}
	email, err := normalizeEmail(email)
	if err != nil {
		return nil, err
	}
	if err := checkPasswordRules("password", password, email, name); err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > MaxNameChars || !utf8.ValidString(name) {
		return nil, court.Errorf(court.EInvalid, "name is required and may have at most %d characters.", MaxNameChars)
	}
	now := s.o.Now().UTC()
	u := &User{ID: court.NewID(), Email: email, Name: name, PasswordHash: HashPassword(password, s.o.Params),
		CreatedAt: now, PasswordChangedAt: now}
	if err := s.o.Store.CreateUser(ctx, u); err != nil {
		if court.ErrorCode(err) == court.EConflict {
			return nil, errRegistration
		}
		return nil, err
	}
	return u, nil
}

// Login is a successful login: the session's cookie secret and a bearer
// token bound to the same session.
type Login struct {
	User           *User
	SessionID      string
	CookieSecret   string
	Token          string
	TokenExpiresAt time.Time
	SessionExpires time.Time
}

// Login checks the email and password and starts a new session. A
// session the client already had (priorSecret, from its cookie) is
// revoked, never upgraded: the session id always changes at login.
func (s *Service) Login(ctx context.Context, email, password, clientIP, priorSecret string) (*Login, error) {
	if err := s.throttle(ctx, "login-ip:"+clientIP, s.o.LoginsPerAddress); err != nil {
		return nil, err
	}
	// Failures count per account and address together, so that somebody
	// guessing from one address is slowed down without locking the
	// account's owner out from theirs, and a success clears them. The
	// wait grows: after LoginsPerAccount failures one more attempt every
	// LoginWindow/LoginsPerAccount (90 s by default), after five times as
	// many within pairWindows windows one every half hour or so. The
	// per-account cap, far larger, bounds guessing spread over many
	// addresses.
	email = strings.ToLower(strings.TrimSpace(email))
	account := hashSecret(email)
	pair := "login-pair:" + account + ":" + clientIP
	pairLong := "login-pair-long:" + account + ":" + clientIP
	if err := s.throttleFor(ctx, pair, s.o.LoginsPerAccount, s.o.LoginWindow); err != nil {
		return nil, err
	}
	if err := s.throttleFor(ctx, pairLong, 5*s.o.LoginsPerAccount, pairWindows*s.o.LoginWindow); err != nil {
		return nil, err
	}
	if err := s.throttle(ctx, "login-account:"+account, s.o.LoginsPerAccountCap); err != nil {
		return nil, err
	}
	if priorSecret != "" {
		s.revoke(ctx, hashSecret(priorSecret))
	}
	u, err := s.o.Store.UserByEmail(ctx, email)
	if err != nil && court.ErrorCode(err) != court.ENotFound {
		return nil, err
	}
	if u == nil {
		CheckPassword(password, s.dummy) // the same work as for a known email
		return nil, errLogin
	}
	if !CheckPassword(password, u.PasswordHash) {
		return nil, errLogin
	}
	if s.o.Limiter != nil {
		for _, key := range []string{pair, pairLong} {
			if err := s.o.Limiter.Reset(ctx, key); err != nil {
				s.log.WarnContext(ctx, "failed logins not cleared after a success", "err", err)
			}
		}
	}
	return s.newSession(ctx, u)
}

func (s *Service) newSession(ctx context.Context, u *User) (*Login, error) {
	now := s.o.Now().UTC()
	secret := newSecret()
	sess := &Session{ID: hashSecret(secret), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.o.SessionTTL)}
	if err := s.o.Store.CreateSession(ctx, sess); err != nil {
		return nil, err
	}
	tok, exp, err := s.token(u.ID, sess, now)
	if err != nil {
		return nil, err
	}
	return &Login{User: u, SessionID: sess.ID, CookieSecret: secret, Token: tok, TokenExpiresAt: exp, SessionExpires: sess.ExpiresAt}, nil
}

// token issues a bearer token that ends no later than its session.
func (s *Service) token(userID string, sess *Session, now time.Time) (string, time.Time, error) {
	ttl := min(s.o.TokenTTL, sess.ExpiresAt.Sub(now))
	return signToken(s.o.Secret, userID, sess.ID, now, ttl)
}

// Token issues a fresh bearer token for the caller's session.
func (s *Service) Token(ctx context.Context, p *Principal) (string, time.Time, error) {
	sess, err := s.o.Store.Session(ctx, p.SessionID)
	if err != nil {
		return "", time.Time{}, errSession
	}
	return s.token(p.User.ID, sess, s.o.Now().UTC())
}

// pairWindows is how many login windows the longer count of one
// account's failures from one address spans (a day by default).
const pairWindows = 96

func (s *Service) throttle(ctx context.Context, key string, limit int) error {
	return s.throttleFor(ctx, key, limit, s.o.LoginWindow)
}

func (s *Service) throttleFor(ctx context.Context, key string, limit int, window time.Duration) error {
	if s.o.Limiter == nil {
		return nil
	}
	d, err := s.o.Limiter.Allow(ctx, key, ratelimit.Rule{Limit: limit, Window: window})
	if err != nil {
		s.log.WarnContext(ctx, "login throttle failed; attempt allowed", "err", err)
		return nil
	}
	if !d.Allowed {
		e := court.Errorf(court.ERateLimited, "Too many login attempts; try again after the time in Retry-After.")
		e.RetryAfter = d.RetryAfter
		return e
	}
	return nil
}

func (s *Service) revoke(ctx context.Context, sessionID string) {
	if err := s.o.Store.RevokeSession(ctx, sessionID, s.o.Now().UTC()); err != nil && court.ErrorCode(err) != court.ENotFound {
		s.log.WarnContext(ctx, "session not revoked", "err", err)
	}
}

// Logout revokes the caller's session: its cookie and every bearer token
// issued with it stop working at once.
func (s *Service) Logout(ctx context.Context, p *Principal) error {
	return s.o.Store.RevokeSession(ctx, p.SessionID, s.o.Now().UTC())
}

// ChangePassword replaces the caller's password after checking the
// current one, revokes every session of the user (all devices, all
// tokens) and starts a new session for the caller.
func (s *Service) ChangePassword(ctx context.Context, p *Principal, current, next string) (*Login, error) {
	if err := s.throttle(ctx, "password-change:"+p.User.ID, s.o.LoginsPerAccount); err != nil {
		return nil, err
	}
	if err := checkPasswordRules("newPassword", next, p.User.Email, p.User.Name); err != nil {
		return nil, err
	}
	if !CheckPassword(current, p.User.PasswordHash) {
		return nil, court.Errorf(court.EForbidden, "The current password is incorrect.")
	}
	now := s.o.Now().UTC()
	hash := HashPassword(next, s.o.Params)
	if err := s.o.Store.SetPassword(ctx, p.User.ID, hash, now); err != nil {
		return nil, err
	}
	u := *p.User
	u.PasswordHash, u.PasswordChangedAt = hash, now
	return s.newSession(ctx, &u)
}

// Principal is the signed-in user a request comes from.
type Principal struct {
	User      *User
	SessionID string
}

// Authenticate finds who a request comes from: a bearer token if there is
// one, otherwise the session cookie's secret. No credentials at all give
// a nil Principal and no error; a bad bearer token is an EUnauthorized
// error, so API clients learn to log in again; a stale cookie is treated
// as no cookie.
func (s *Service) Authenticate(ctx context.Context, bearer, cookie string) (*Principal, error) {
	now := s.o.Now()
	switch {
	case bearer != "":
		c, err := parseToken(s.o.Secret, bearer, now)
		if err != nil {
			return nil, err
		}
		p, err := s.session(ctx, c.SessionID, now)
		if err != nil || p.User.ID != c.Subject {
			return nil, errBadToken
		}
		return p, nil
	case cookie != "":
		p, err := s.session(ctx, hashSecret(cookie), now)
		if err != nil {
			if court.ErrorCode(err) == court.EUnauthorized {
				return nil, nil
			}
			return nil, err
		}
		return p, nil
	}
	return nil, nil
}

func (s *Service) session(ctx context.Context, id string, now time.Time) (*Principal, error) {
	sess, err := s.o.Store.Session(ctx, id)
	if court.ErrorCode(err) == court.ENotFound {
		return nil, errSession
	}
	if err != nil {
		return nil, err
	}
	if !sess.RevokedAt.IsZero() || !now.Before(sess.ExpiresAt) {
		return nil, errSession
	}
	u, err := s.o.Store.UserByID(ctx, sess.UserID)
	if court.ErrorCode(err) == court.ENotFound {
		return nil, errSession
	}
	if err != nil {
		return nil, err
	}
	return &Principal{User: u, SessionID: sess.ID}, nil
}

// LoginNeeded is the error for a request that needs a signed-in user.
func LoginNeeded() error { return errLoginNeeded }
