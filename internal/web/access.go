package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/clerk"
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
// Seats are checked before anything else about the request: a
// non-member hears "This case does not exist." whether it does or not,
// so case ids cannot be probed. The rules themselves are the clerk's
// (internal/clerk), which the pages use too; acting for a side one does
// not hold is refused by the clerk once the handler has read the side
// from the body.
var policy = map[string]need{
	"":                                           anyone, // middleware errors (cross-origin, rate limit)
	"/api/":                                      anyone,
	"/":                                          anyone, // the pages (internal/ui) check logins themselves
	"POST /api/auth/register":                    anyone,
	"POST /api/auth/login":                       anyone,
	"POST /api/auth/logout":                      signedIn,
	"POST /api/auth/password":                    signedIn,
	"POST /api/auth/token":                       signedIn,
	"GET /api/auth/me":                           signedIn,
	"POST /api/cases":                            signedIn,
	"GET /api/cases":                             signedIn,
	"GET /api/cases/{id}":                        member,
	"DELETE /api/cases/{id}":                     owner,
	"POST /api/cases/{id}/judgment":              party,
	"POST /api/cases/{id}/arguments":             party,
	"GET /api/cases/{id}/arguments":              member,
	"POST /api/cases/{id}/final-verdict":         party,
	"POST /api/cases/{id}/appeal":                party,
	"POST /api/cases/{id}/documents":             party,
	"GET /api/cases/{id}/documents/{docId}":      member,
	"GET /api/cases/{id}/documents/{docId}/text": member,
	"GET /api/cases/{id}/audit":                  member,
	"POST /api/cases/{id}/invites":               owner,
	"GET /api/cases/{id}/invites":                owner,
	"DELETE /api/cases/{id}/invites/{inviteId}":  owner,
	"POST /api/invites/{token}/accept":           signedIn,
	"POST /api/fact-check/extract":               signedIn,
	"POST /api/fact-check/validate":              signedIn,
	"POST /api/fact-check/claim":                 signedIn,
}

// seatNeed is what each case-level need asks of the caller's seat.
var seatNeed = map[need]clerk.Need{member: clerk.Read, party: clerk.Write, owner: clerk.Own}

type principalKey struct{}
type seatKey struct{}

// principalOf is the signed-in user of the request, or nil.
func principalOf(r *http.Request) *auth.Principal {
	p, _ := r.Context().Value(principalKey{}).(*auth.Principal)
	return p
}

// seat is the caller's seat in the case of the route, as the policy asked
// for it. In AUTH_MODE=open, where everybody sits everywhere, it is made
// when a handler asks, so that a request served from the view cache takes
// none.
func (s *Server) seat(r *http.Request) *clerk.Seat {
	if st, ok := r.Context().Value(seatKey{}).(*clerk.Seat); ok {
		return st
	}
	st, _ := s.clerk.Seat(r.Context(), "", r.PathValue("id"), clerk.Own)
	return st
}

// userID is the signed-in user's id, or "" (AUTH_MODE=open).
func userID(r *http.Request) string {
	if p := principalOf(r); p != nil {
		return p.User.ID
	}
	return ""
}

// sessionCookie holds the session's secret for the browser UI.
const sessionCookie = "aijudge_session"

// authorize applies the route's policy in AUTH_MODE=accounts: it
// authenticates the caller and, on routes of a case, takes the caller's
// seat in it from the clerk. It returns the request carrying the principal,
// the audit actor and the seat.
func (s *Server) authorize(r *http.Request) (*http.Request, error) {
	n, ok := policy[r.Pattern]
	if !ok {
		n = signedIn
	}
	if n == anyone || s.Auth == nil {
		return r, nil
	}
	p, err := s.authenticate(r)
	if err != nil {
		return r, err
	}
	ctx := context.WithValue(r.Context(), principalKey{}, p)
	ctx = court.WithActor(ctx, p.User.ID)
	if need, ok := seatNeed[n]; ok {
		st, err := s.clerk.Seat(ctx, p.User.ID, r.PathValue("id"), need)
		if err != nil {
			return r, err
		}
		ctx = context.WithValue(ctx, seatKey{}, st)
	}
	return r.WithContext(ctx), nil
}

// authenticate returns the signed-in caller, from a bearer token or the
// session cookie.
func (s *Server) authenticate(r *http.Request) (*auth.Principal, error) {
	bearer := ""
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
			return nil, court.Errorf(court.EUnauthorized, "The Authorization header must be \"Bearer TOKEN\".")
		}
		bearer = strings.TrimSpace(tok)
	}
	cookie := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		cookie = c.Value
	}
	p, err := s.Auth.Authenticate(r.Context(), bearer, cookie)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, auth.LoginNeeded()
	}
	return p, nil
}

// secure reports whether the client reached us over TLS, directly or
// through a trusted proxy that says so.
func (s *Server) secure(r *http.Request) bool {
	return s.Proxy.Secure(r)
}
