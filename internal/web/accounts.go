package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
)

// accountRoutes adds the routes of accounts, membership, invitations and
// the audit log. The audit log is served in both modes; the rest exist
// only in AUTH_MODE=accounts, so AUTH_MODE=open serves the API contract
// exactly as before.
func (s *Server) accountRoutes(api *http.ServeMux) {
	api.Handle("GET /api/cases/{id}/audit", s.api(s.auditTrail))
	if s.Auth == nil {
		return
	}
	api.Handle("POST /api/auth/register", s.api(s.register))
	api.Handle("POST /api/auth/login", s.api(s.login))
	api.Handle("POST /api/auth/logout", s.api(s.logout))
	api.Handle("POST /api/auth/password", s.api(s.changePassword))
	api.Handle("POST /api/auth/token", s.api(s.refreshToken))
	api.Handle("GET /api/auth/me", s.api(s.me))
	api.Handle("GET /api/cases", s.api(s.myCases))
	api.Handle("POST /api/cases/{id}/invites", s.api(s.createInvite))
	api.Handle("GET /api/cases/{id}/invites", s.api(s.listInvites))
	api.Handle("DELETE /api/cases/{id}/invites/{inviteId}", s.api(s.revokeInvite))
	api.Handle("POST /api/invites/{token}/accept", s.api(s.acceptInvite))
}

type credentials struct {
	Email           string `json:"email"`
	Password        string `json:"password"`
	Name            string `json:"name"`
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	var in credentials
	if err := decodeJSON(w, r, &in, 16<<10); err != nil {
		return err
	}
	u, err := s.Auth.Register(r.Context(), in.Email, in.Password, in.Name, s.clientIP(r))
	if err != nil {
		return err
	}
	ok(w, http.StatusCreated, map[string]any{"success": true, "user": u})
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	var in credentials
	if err := decodeJSON(w, r, &in, 16<<10); err != nil {
		return err
	}
	prior := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		prior = c.Value
	}
	l, err := s.Auth.Login(r.Context(), in.Email, in.Password, s.clientIP(r), prior)
	if err != nil {
		return err
	}
	s.loggedIn(w, r, l)
	return nil
}

// loggedIn answers a login or password change: the session cookie for the
// browser and a bearer token for API clients, both bound to one session.
func (s *Server) loggedIn(w http.ResponseWriter, r *http.Request, l *auth.Login) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: l.CookieSecret, Path: "/",
		Expires: l.SessionExpires, MaxAge: int(time.Until(l.SessionExpires).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r),
	})
	w.Header().Set("Cache-Control", "no-store")
	ok(w, http.StatusOK, map[string]any{
		"success": true, "user": l.User, "token": l.Token, "tokenType": "Bearer",
		"expiresAt": l.TokenExpiresAt, "sessionExpiresAt": l.SessionExpires,
	})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.Auth.Logout(r.Context(), principalOf(r)); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	var in credentials
	if err := decodeJSON(w, r, &in, 16<<10); err != nil {
		return err
	}
	l, err := s.Auth.ChangePassword(r.Context(), principalOf(r), in.CurrentPassword, in.NewPassword)
	if err != nil {
		return err
	}
	s.loggedIn(w, r, l)
	return nil
}

// refreshToken issues a new bearer token for the caller's live session,
// so API clients need not send the password every 15 minutes.
func (s *Server) refreshToken(w http.ResponseWriter, r *http.Request) error {
	tok, exp, err := s.Auth.Token(r.Context(), principalOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	ok(w, http.StatusOK, map[string]any{"success": true, "token": tok, "tokenType": "Bearer", "expiresAt": exp})
	return nil
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	ok(w, http.StatusOK, map[string]any{"success": true, "user": principalOf(r).User, "authMode": "accounts"})
	return nil
}

func (s *Server) myCases(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Auth.Cases(r.Context(), principalOf(r).User.ID)
	if err != nil {
		return err
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "cases": list, "count": len(list)})
	return nil
}

type inviteRequest struct {
	Role string `json:"role"`
}

func (s *Server) createInvite(w http.ResponseWriter, r *http.Request) error {
	var in inviteRequest
	if err := decodeJSON(w, r, &in, 4<<10); err != nil {
		return err
	}
	role, err := auth.ParseRole(in.Role)
	if err != nil {
		return err
	}
	inv, token, err := s.clerk.Invite(r.Context(), s.seat(r), role)
	if err != nil {
		return err
	}
	link := strings.TrimSuffix(s.PublicURL, "/") + "/api/invites/" + url.PathEscape(token) + "/accept"
	w.Header().Set("Cache-Control", "no-store")
	ok(w, http.StatusCreated, map[string]any{
		"success": true, "id": inv.ID, "role": inv.Role, "token": token, "url": link, "expiresAt": inv.ExpiresAt,
	})
	return nil
}

func (s *Server) listInvites(w http.ResponseWriter, r *http.Request) error {
	list, err := s.clerk.Invites(r.Context(), s.seat(r))
	if err != nil {
		return err
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "invites": list, "count": len(list)})
	return nil
}

func (s *Server) revokeInvite(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.clerk.RevokeInvite(r.Context(), s.seat(r), r.PathValue("inviteId")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) error {
	inv, err := s.clerk.AcceptInvite(r.Context(), userID(r), r.PathValue("token"))
	if err != nil {
		return err
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "caseId": inv.CaseID, "role": inv.Role})
	return nil
}

func (s *Server) auditTrail(w http.ResponseWriter, r *http.Request) error {
	list, err := s.clerk.AuditTrail(r.Context(), s.seat(r))
	if err != nil {
		return err
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "entries": list, "count": len(list)})
	return nil
}
