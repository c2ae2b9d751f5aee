package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

// need is what a route asks of the caller in AUTH_MODE=accounts.
type need int

const (
	anyone   need = iota // no login: register, login, the catch-all 404
	signedIn             // any signed-in user
	member               // a member of the case in {id}: reads
	party                // side A or B of the case (observers may not write)
	owner                // the member who filed the case
)

// policy is the access rule of every /api route, by pattern: one table
// to review. A pattern missing here needs a signed-in user, and
// TestEveryRouteHasAPolicy fails, so a new route cannot be forgotten.
//
// Members are checked before anything else about the request: a
// non-member hears "This case does not exist." whether it does or not,
// so case ids cannot be probed. Acting for a side one does not hold is
// checked by the handler once it has read the side from the body.
var policy = map[string]need{
	"":                                          anyone, // middleware errors (cross-origin, rate limit)
	"/api/":                                     anyone,
	"/":                                         anyone, // the pages (internal/ui) check logins themselves
	"POST /api/auth/register":                   anyone,
	"POST /api/auth/login":                      anyone,
	"POST /api/auth/logout":                     signedIn,
	"POST /api/auth/password":                   signedIn,
	"POST /api/auth/token":                      signedIn,
	"GET /api/auth/me":                          signedIn,
	"POST /api/cases":                           signedIn,
	"GET /api/cases":                            signedIn,
	"GET /api/cases/{id}":                       member,
	"DELETE /api/cases/{id}":                    owner,
	"POST /api/cases/{id}/judgment":             party,
	"POST /api/cases/{id}/arguments":            party,
	"GET /api/cases/{id}/arguments":             member,
	"POST /api/cases/{id}/final-verdict":        party,
	"POST /api/cases/{id}/documents":            party,
	"GET /api/cases/{id}/documents/{docId}":     member,
	"GET /api/cases/{id}/audit":                 member,
	"POST /api/cases/{id}/invites":              owner,
	"GET /api/cases/{id}/invites":               owner,
	"DELETE /api/cases/{id}/invites/{inviteId}": owner,
	"POST /api/invites/{token}/accept":          signedIn,
	"POST /api/fact-check/extract":              signedIn,
	"POST /api/fact-check/validate":             signedIn,
}

type principalKey struct{}
type accessKey struct{}

// principalOf is the signed-in user of the request, or nil.
func principalOf(r *http.Request) *auth.Principal {
	p, _ := r.Context().Value(principalKey{}).(*auth.Principal)
	return p
}

// accessOf is the caller's access to the case in the route, or nil in
// AUTH_MODE=open and on routes without a case.
func accessOf(r *http.Request) *auth.Access {
	a, _ := r.Context().Value(accessKey{}).(*auth.Access)
	return a
}

// sessionCookie holds the session's secret for the browser UI.
const sessionCookie = "aijudge_session"

// authorize applies the route's policy. In AUTH_MODE=open (no Auth) it
// lets everything through unchanged. Otherwise it authenticates the
// caller and returns the request carrying the principal, the case access
// and the audit actor.
func (s *Server) authorize(r *http.Request) (*http.Request, error) {
	if s.Auth == nil {
		return r, nil
	}
	n, ok := policy[r.Pattern]
	if !ok {
		n = signedIn
	}
	if n == anyone {
		return r, nil
	}
	bearer := ""
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
			return r, court.Errorf(court.EUnauthorized, "The Authorization header must be \"Bearer TOKEN\".")
		}
		bearer = strings.TrimSpace(tok)
	}
	cookie := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		cookie = c.Value
	}
	p, err := s.Auth.Authenticate(r.Context(), bearer, cookie)
	if err != nil {
		return r, err
	}
	if p == nil {
		return r, auth.LoginNeeded()
	}
	ctx := context.WithValue(r.Context(), principalKey{}, p)
	ctx = court.WithActor(ctx, p.User.ID)
	if n >= member {
		a, err := s.Auth.Access(ctx, r.PathValue("id"), p.User.ID)
		if err != nil {
			return r, err
		}
		switch {
		case n == party && !a.Party():
			return r, court.Errorf(court.EForbidden, "Observers may read this case but not change it.")
		case n == owner && !a.Owner():
			return r, court.Errorf(court.EForbidden, "Only the member who filed this case may do this.")
		}
		ctx = context.WithValue(ctx, accessKey{}, a)
	}
	return r.WithContext(ctx), nil
}

// mayActFor refuses a party acting as a side they do not hold. In
// AUTH_MODE=open anyone acts for either side.
func mayActFor(r *http.Request, side court.SideID) error {
	a := accessOf(r)
	if a == nil || a.ActsFor(side) {
		return nil
	}
	return court.Errorf(court.EForbidden, "You may not act for Side %s in this case.", side)
}

// secure reports whether the client reached us over TLS, directly or
// through a trusted proxy that says so.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || s.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
