package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/aijudge/aijudge/internal/court"
)

// issuer is the "iss" of every token; tokens of other issuers are refused.
const issuer = "aijudge"

// claims are a bearer token's contents: the user (sub), the session (sid)
// that a logout or password change revokes, and the usual times.
type claims struct {
	jwt.RegisteredClaims
	SessionID string `json:"sid"`
}

// signToken issues an HS256 token for the session, valid for ttl.
func signToken(secret []byte, userID, sessionID string, now time.Time, ttl time.Duration) (string, time.Time, error) {
	exp := now.Add(ttl)
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: issuer, Subject: userID, ID: newSecret(),
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
		},
		SessionID: sessionID,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
	if err != nil {
		return "", time.Time{}, court.Wrap(court.EInternal, err, "The token could not be issued.")
	}
	return s, exp, nil
}

var errBadToken = court.Errorf(court.EUnauthorized, "The token is invalid or has expired; log in again.")

// parseToken checks a token's signature, algorithm (HS256 only: "none"
// and every other algorithm are refused before any key is used), issuer
// and times, and returns its claims.
func parseToken(secret []byte, token string, now time.Time) (*claims, error) {
	var c claims
	p := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(issuer),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(5*time.Second),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	_, err := p.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return secret, nil })
	if err != nil || c.Subject == "" || c.SessionID == "" {
		if err == nil {
			err = errors.New("token lacks sub or sid")
		}
		return nil, court.Wrap(court.EUnauthorized, err, errBadToken.Message)
	}
	return &c, nil
}

// newSecret returns 128 random bits as text, for cookies, invitation
// tokens and token ids.
func newSecret() string { return strings.ToLower(rand.Text()) }

// hashSecret is how cookie secrets and invitation tokens are stored: a
// lookup key from which the secret cannot be recovered. The secrets carry
// 128 random bits, so a fast hash suffices; no salt or stretching is
// needed as it is for passwords.
func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
