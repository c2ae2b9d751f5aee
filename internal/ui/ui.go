// Package ui is the courtroom in the browser: server-rendered pages
// (html/template) enhanced by htmx and a small script, with the judge's
// text streamed as server-sent events from the JSON API. Every page works
// without script: forms POST and redirect. Templates, catalogues and
// static files are embedded and checked once at start-up.
package ui

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"github.com/aijudge/aijudge/internal/proxy"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/court"
)

//go:embed templates locales static
var embedded embed.FS

// Options configure the UI.
type Options struct {
	Service *court.Service
	// Clerk checks every case operation's seat; nil builds one from
	// Service and Auth. The JSON API shares it.
	Clerk *clerk.Clerk
	// Auth is AUTH_MODE=accounts; nil is open mode: no logins, both
	// sides' boxes shown to everyone.
	Auth   *auth.Service
	Logger *slog.Logger
	// SessionCookie is the cookie the API reads too (aijudge_session).
	SessionCookie string
	// Proxy says which peers' X-Forwarded-For and X-Forwarded-Proto are
	// believed; nil believes nobody's.
	Proxy *proxy.Trust
	// PublicURL starts the invitation links the pages show; empty, they
	// are paths (the Host header is never used).
	PublicURL    string
	MaxFileSize  int64
	MaxCaseBytes int64
	// Now is the clock (tests fix it); nil is time.Now.
	Now func() time.Time
}

// UI serves the pages.
type UI struct {
	o        Options
	views    map[string]*template.Template
	assets   assets
	catalogs map[string]catalog
	errors   map[string]catalog // error messages by their English format
	facts    *factsCache
	mux      *http.ServeMux
}

// views lists every page; each is layout.html and partials.html with its
// own file. A view missing from the embedded files fails New.
var views = []string{"login", "signup", "cases", "new", "case", "verdict", "document", "invite", "error"}

// New parses the templates, hashes the static files and loads the message
// catalogues. Any of them missing or broken is an error: start-up fails.
func New(o Options) (*UI, error) {
	return newUI(o, embedded)
}

func newUI(o Options, fsys fs.FS) (*UI, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.SessionCookie == "" {
		o.SessionCookie = "aijudge_session"
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 10 << 20
	}
	if o.MaxCaseBytes < o.MaxFileSize {
		o.MaxCaseBytes = 10 * o.MaxFileSize
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Clerk == nil {
		o.Clerk = clerk.New(o.Service, o.Auth)
	}
	u := &UI{o: o, views: map[string]*template.Template{}, facts: newFactsCache()}
	static, err := fs.Sub(fsys, "static")
	if err != nil {
		return nil, err
	}
	if u.assets, err = loadAssets(static); err != nil {
		return nil, fmt.Errorf("ui: static files: %w", err)
	}
	if u.catalogs, err = loadCatalogs(fsys); err != nil {
		return nil, fmt.Errorf("ui: %w", err)
	}
	if u.errors, err = loadErrorCatalogs(fsys); err != nil {
		return nil, fmt.Errorf("ui: %w", err)
	}
	funcs := template.FuncMap{
		"asset": u.assets.url,
		"date":  func(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 UTC") },
		"lines": func(s string) []string { return strings.Split(s, "\n") },
		"join":  strings.Join,
		"add":   func(a, b int) int { return a + b },
		"sub":   func(a, b int) int { return a - b },
		"gauge": gaugeSVG,
		"dict":  dict,
		"bytes": humanBytes,
		"list":  func(s ...string) []string { return s },
		"side":  func(s string) court.SideID { return court.SideID(s) },
		// structure lays out a judgment's structure (structure.go).
		"structure": newStructure,
		"symbol":    findingSymbol,
		"citeTitle": citeTitle,
		// favoursKey is the message key naming the side f favours.
		"favoursKey": func(f court.Favours) string {
			if f == court.FavoursNeither {
				return "structure.favoursNeither"
			}
			return "role." + string(f)
		},
	}
	for _, v := range views {
		t, err := template.New(v).Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/partials.html", "templates/"+v+".html")
		if err != nil {
			return nil, fmt.Errorf("ui: view %s: %w", v, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("ui: view %s defines no content", v)
		}
		u.views[v] = t
	}
	// Templates call asset at run time; check the names they use now,
	// so that a missing static file fails start-up, not a page.
	layout, err := fs.ReadFile(fsys, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	for _, m := range assetRef.FindAllSubmatch(layout, -1) {
		if _, err := u.assets.url(string(m[1])); err != nil {
			return nil, fmt.Errorf("ui: templates/layout.html: %w", err)
		}
	}
	u.routes()
	return u, nil
}

var assetRef = regexp.MustCompile(`asset "([^"]+)"`)

func (u *UI) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /static/{hash}/{name...}", u.assets.serve)
	m.Handle("GET /{$}", u.page(u.home))
	m.Handle("GET /login", u.page(u.loginForm))
	m.Handle("POST /login", u.page(u.login))
	m.Handle("GET /signup", u.page(u.signupForm))
	m.Handle("POST /signup", u.page(u.signup))
	m.Handle("POST /logout", u.page(u.logout))
	m.Handle("GET /invites/{token}", u.page(u.inviteForm))
	m.Handle("POST /invites/{token}", u.page(u.acceptInvite))
	m.Handle("GET /cases", u.page(u.cases))
	m.Handle("GET /cases/new", u.page(u.newCaseForm))
	m.Handle("POST /cases/new", u.page(u.fileCase))
	m.Handle("GET /cases/{id}", u.page(u.casePage))
	m.Handle("POST /cases/{id}/judgment", u.page(u.judgment))
	m.Handle("POST /cases/{id}/arguments", u.page(u.argue))
	m.Handle("POST /cases/{id}/final-verdict", u.page(u.finalVerdict))
	m.Handle("POST /cases/{id}/appeal", u.page(u.appeal))
	m.Handle("POST /cases/{id}/invites", u.page(u.invite))
	m.Handle("GET /cases/{id}/verdict", u.page(u.verdictPage))
	m.Handle("GET /cases/{id}/documents/{docId}", u.page(u.documentPage))
	m.Handle("GET /cases/{id}/verdict.json", u.page(u.verdictJSON))
	m.Handle("GET /cases/{id}/verdict.pdf", u.page(u.verdictPDF))
	m.Handle("/", u.page(func(*request) error { return errNotFound }))
	u.mux = m
}

// ServeHTTP serves the pages and the static files.
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) { u.mux.ServeHTTP(w, r) }

// request is one page request: who asks, in which language.
type request struct {
	w    http.ResponseWriter
	r    *http.Request
	lang string
	cat  catalog
	errs catalog // error messages; nil for English
	user *auth.User
	ctx  context.Context
}

// userID is the signed-in visitor's id, or "" (AUTH_MODE=open, or
// nobody signed in).
func (q *request) userID() string {
	if q.user == nil {
		return ""
	}
	return q.user.ID
}

var errNotFound = court.Errorf(court.ENotFound, "This page does not exist.")

// page adapts a handler that returns an error: language, the signed-in
// user, and one error page for every failure.
func (u *UI) page(h func(*request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, switched := langOf(r)
		if switched {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
				SameSite: http.SameSiteLaxMode, Secure: u.secure(r)})
		}
		q := &request{w: w, r: r, lang: lang, cat: u.catalogs[lang], errs: u.errors[lang], ctx: r.Context()}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Add("Vary", "Cookie, Accept-Language")
		err := u.authenticate(q)
		if err == nil {
			err = h(q)
		}
		if err != nil {
			u.fail(q, err)
		}
	})
}

// authenticate finds the signed-in user from the session cookie.
func (u *UI) authenticate(q *request) error {
	if u.o.Auth == nil {
		return nil
	}
	c, err := q.r.Cookie(u.o.SessionCookie)
	if err != nil {
		return nil
	}
	p, err := u.o.Auth.Authenticate(q.ctx, "", c.Value)
	if err != nil || p == nil {
		return err
	}
	q.user = p.User
	q.ctx = court.WithActor(q.ctx, p.User.ID)
	return nil
}

// errLogin sends a visitor who must sign in to the login page.
type errLogin struct{}

func (errLogin) Error() string { return "login needed" }

// needUser returns errLogin unless someone is signed in (or in open mode).
func (u *UI) needUser(q *request) error {
	if u.o.Auth != nil && q.user == nil {
		return errLogin{}
	}
	return nil
}

// fail shows err as a page: a login redirect, or the error page with the
// status of its code. Internal causes go to the log only.
func (u *UI) fail(q *request, err error) {
	if _, ok := err.(errLogin); ok {
		next := q.r.URL.RequestURI()
		if q.r.Method != http.MethodGet {
			next = "/cases"
		}
		u.redirect(q, "/login?next="+url.QueryEscape(next))
		return
	}
	status := statusOf(court.ErrorCode(err))
	if status >= 500 {
		u.o.Logger.ErrorContext(q.ctx, "page failed", "path", q.r.URL.Path, "err", err)
	}
	u.render(q, status, "error", &page{Title: q.cat.T("error.title"), Error: q.errorText(err), Data: status})
}

func statusOf(c court.Code) int {
	switch c {
	case court.EInvalid:
		return http.StatusBadRequest
	case court.EUnauthorized:
		return http.StatusUnauthorized
	case court.EForbidden:
		return http.StatusForbidden
	case court.ENotFound:
		return http.StatusNotFound
	case court.EConflict:
		return http.StatusConflict
	case court.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case court.EUnsupported:
		return http.StatusUnsupportedMediaType
	case court.EUnprocessable:
		return http.StatusUnprocessableEntity
	case court.ERateLimited:
		return http.StatusTooManyRequests
	case court.EUnavailable:
		return http.StatusServiceUnavailable
	case court.EUpstream:
		return http.StatusBadGateway
	}
	return http.StatusInternalServerError
}

// redirect answers a POST the way a browser without script expects: 303.
func (u *UI) redirect(q *request, to string) {
	http.Redirect(q.w, q.r, to, http.StatusSeeOther)
}

// page is what every template gets.
type page struct {
	Title  string
	Lang   string
	Path   string
	User   *auth.User
	Open   bool // AUTH_MODE=open
	Error  string
	Notice string
	Data   any
	cat    catalog
}

// T translates a message key in the page's language.
func (p *page) T(key string, args ...any) string { return p.cat.T(key, args...) }

// PartyRole translates a party's name in the forum (catalog.partyRole).
func (p *page) PartyRole(role string) string { return p.cat.partyRole(role) }

// CourtNotice is the not-legal-advice notice in the page's language.
func (p *page) CourtNotice() string { return p.cat.T("notice.legal") }

// render writes a view. It renders into a buffer first, so that a
// template error becomes a clean 500 rather than half a page.
func (u *UI) render(q *request, status int, view string, p *page) {
	p.Lang, p.cat, p.User, p.Open, p.Path = q.lang, q.cat, q.user, u.o.Auth == nil, q.r.URL.Path
	var buf bytes.Buffer
	if err := u.views[view].ExecuteTemplate(&buf, "layout", p); err != nil {
		u.o.Logger.ErrorContext(q.ctx, "template failed", "view", view, "err", err)
		http.Error(q.w, "An internal error occurred.", http.StatusInternalServerError)
		return
	}
	h := q.w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	q.w.WriteHeader(status)
	q.w.Write(buf.Bytes())
}

// secure reports whether the client reached us over TLS.
func (u *UI) secure(r *http.Request) bool { return u.o.Proxy.Secure(r) }

// clientIP is the address login throttles count against.
func (u *UI) clientIP(r *http.Request) string { return u.o.Proxy.ClientIP(r) }

// dict builds a map for passing several values to a partial template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
