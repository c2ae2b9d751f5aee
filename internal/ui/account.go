package ui

import (
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/aijudge/aijudge/internal/court"
)

func (u *UI) home(q *request) error {
	if u.o.Auth != nil && q.user == nil {
		u.redirect(q, "/login")
		return nil
	}
	u.redirect(q, "/cases")
	return nil
}

// accountForm is the login and sign-up forms' data.
type accountForm struct {
	Email, Name, Next string
}

// safeNext keeps a post-login redirect on this site: a path with exactly
// one leading slash and no control character, space, backslash, scheme
// or host. Browsers drop tabs and line breaks from a URL and read a
// backslash as a slash, so "/\t/evil.com" is "//evil.com" to them.
func safeNext(s string) string {
	const fallback = "/cases"
	if len(s) < 1 || s[0] != '/' || len(s) > 1 && s[1] == '/' || len(s) > 2048 {
		return fallback
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return fallback
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	return s
}

func (u *UI) loginForm(q *request) error {
	if u.o.Auth == nil {
		u.redirect(q, "/cases")
		return nil
	}
	u.render(q, http.StatusOK, "login", &page{Title: q.cat.T("login.title"),
		Data: accountForm{Next: safeNext(q.r.URL.Query().Get("next"))}})
	return nil
}

func (u *UI) login(q *request) error {
	if u.o.Auth == nil {
		return errNotFound
	}
	f := accountForm{Email: q.r.PostFormValue("email"), Next: safeNext(q.r.PostFormValue("next"))}
	prior := ""
	if c, err := q.r.Cookie(u.o.SessionCookie); err == nil {
		prior = c.Value
	}
	l, err := u.o.Auth.Login(q.ctx, f.Email, q.r.PostFormValue("password"), u.clientIP(q.r), prior)
	if err != nil {
		if court.ErrorCode(err) == court.EInternal {
			return err
		}
		u.render(q, statusOf(court.ErrorCode(err)), "login", &page{Title: q.cat.T("login.title"),
			Error: q.errorText(err), Data: f})
		return nil
	}
	http.SetCookie(q.w, &http.Cookie{
		Name: u.o.SessionCookie, Value: l.CookieSecret, Path: "/",
		Expires: l.SessionExpires, MaxAge: int(time.Until(l.SessionExpires).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: u.secure(q.r),
	})
	u.redirect(q, f.Next)
	return nil
}

func (u *UI) signupForm(q *request) error {
	if u.o.Auth == nil {
		u.redirect(q, "/cases")
		return nil
	}
	u.render(q, http.StatusOK, "signup", &page{Title: q.cat.T("signup.title"),
		Data: accountForm{Next: safeNext(q.r.URL.Query().Get("next"))}})
	return nil
}

// signup registers and logs in at once.
func (u *UI) signup(q *request) error {
	if u.o.Auth == nil {
		return errNotFound
	}
	f := accountForm{Email: q.r.PostFormValue("email"), Name: q.r.PostFormValue("name"), Next: safeNext(q.r.PostFormValue("next"))}
	pw := q.r.PostFormValue("password")
	if _, err := u.o.Auth.Register(q.ctx, f.Email, pw, f.Name, u.clientIP(q.r)); err != nil {
		if court.ErrorCode(err) == court.EInternal {
			return err
		}
		u.render(q, statusOf(court.ErrorCode(err)), "signup", &page{Title: q.cat.T("signup.title"),
			Error: q.errorText(err), Data: f})
		return nil
	}
	return u.login(q)
}

func (u *UI) logout(q *request) error {
	if u.o.Auth != nil && q.user != nil {
		c, _ := q.r.Cookie(u.o.SessionCookie)
		p, err := u.o.Auth.Authenticate(q.ctx, "", c.Value)
		if err == nil && p != nil {
			if err := u.o.Auth.Logout(q.ctx, p); err != nil {
				return err
			}
		}
	}
	http.SetCookie(q.w, &http.Cookie{Name: u.o.SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: u.secure(q.r)})
	u.redirect(q, "/login")
	return nil
}

// inviteForm asks the invitee to accept; a GET never claims the invite,
// so link previews cannot use it up.
func (u *UI) inviteForm(q *request) error {
	if u.o.Auth == nil {
		return errNotFound
	}
	if err := u.needUser(q); err != nil {
		return err
	}
	u.render(q, http.StatusOK, "invite", &page{Title: q.cat.T("invite.title"), Data: q.r.PathValue("token")})
	return nil
}

func (u *UI) acceptInvite(q *request) error {
	if u.o.Auth == nil {
		return errNotFound
	}
	if err := u.needUser(q); err != nil {
		return err
	}
	inv, err := u.o.Clerk.AcceptInvite(q.ctx, q.userID(), q.r.PathValue("token"))
	if err != nil {
		return err
	}
	u.redirect(q, "/cases/"+inv.CaseID)
	return nil
}
