package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/blob"
	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/web"
)

// testSecret is an obviously fake signing key for tests.
var testSecret = []byte("test-only-secret-not-for-production-0123456789")

// cheap argon2id costs keep the tests fast; production uses DefaultParams.
var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

// newAccountsServer is the real stack in AUTH_MODE=accounts.
func newAccountsServer(t testing.TB, tune func(*auth.Options)) *testServer {
	t.Helper()
	return newAccountsServerWith(t, tune, nil)
}

// newAccountsServerWith is newAccountsServer with web options changed by
// tuneWeb, which is given the test's store.
func newAccountsServerWith(t testing.TB, tune func(*auth.Options), tuneWeb func(*web.Options, *sqlite.Store)) *testServer {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	mem := cache.NewMemory(cache.MemoryOptions{})
	t.Cleanup(func() { mem.Close() })
	limiter := ratelimit.NewMemory(ctx, ratelimit.MemoryOptions{})
	t.Cleanup(func() { limiter.Close() })
	blobs, err := blob.Open(ctx, "file://"+filepath.ToSlash(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { blobs.Close() })
	ao := auth.Options{Store: store, Secret: testSecret, Limiter: limiter, Params: cheap}
	if tune != nil {
		tune(&ao)
	}
	svc := court.NewService(court.Options{
		Store: store, Judge: offline.New(), Cache: mem, Blobs: blobs, Audit: store,
		Reader: document.NewReader(document.Options{MaxFileSize: 1 << 20}),
	})
	wo := web.Options{
		Service: svc, Auth: auth.NewService(ao), Limiter: limiter, MaxFileSize: 1 << 20, MaxCaseBytes: 4 << 20,
		RateWindow: time.Minute, APILimit: 10_000, JudgeLimit: 10_000,
	}
	if tuneWeb != nil {
		tuneWeb(&wo, store)
	}
	h := web.New(wo).Handler()
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return &testServer{Server: hs, t: t, store: store}
}

// user is a registered, logged-in account.
type user struct {
	email, token, cookie string
}

func (s *testServer) register(email string) *user {
	s.t.Helper()
	r := s.postJSON("/api/auth/register", map[string]string{"email": email, "password": "correct horse battery", "name": "Test User"})
	if r.Status != http.StatusCreated {
		s.t.Fatalf("register %s: %d %s", email, r.Status, r.Raw)
	}
	return s.login(email, "correct horse battery")
}

func (s *testServer) login(email, password string, header ...string) *user {
	s.t.Helper()
	b, _ := json.Marshal(map[string]string{"email": email, "password": password})
	r := s.do("POST", "/api/auth/login", "application/json", bytes.NewReader(b), header...)
	if r.Status != http.StatusOK {
		s.t.Fatalf("login %s: %d %s", email, r.Status, r.Raw)
	}
	u := &user{email: email, token: r.Body["token"].(string)}
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "aijudge_session" {
			u.cookie = c.Value
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
				s.t.Errorf("session cookie attributes: %+v", c)
			}
		}
	}
	if u.cookie == "" {
		s.t.Fatalf("login set no session cookie: %v", r.Header)
	}
	return u
}

// as sends a request as u: by bearer token, or by cookie when byCookie.
func (s *testServer) as(u *user, method, path string, body any, header ...string) response {
	s.t.Helper()
	var rd io.Reader
	ct := ""
	switch b := body.(type) {
	case nil:
	case *bytes.Buffer:
		rd = b
		ct = header[1]
		header = header[2:]
	default:
		j, _ := json.Marshal(b)
		rd, ct = bytes.NewReader(j), "application/json"
	}
	if u != nil && u.token != "" {
		header = append(header, "Authorization", "Bearer "+u.token)
	} else if u != nil && u.cookie != "" {
		header = append(header, "Cookie", "aijudge_session="+u.cookie)
	}
	return s.do(method, path, ct, rd, header...)
}

// invite makes an invitation as owner and accepts it as guest.
func (s *testServer) invite(owner, guest *user, caseID, role string) {
	s.t.Helper()
	r := s.as(owner, "POST", "/api/cases/"+caseID+"/invites", map[string]string{"role": role})
	if r.Status != http.StatusCreated || r.Body["token"] == "" || !strings.Contains(r.Body["url"].(string), "/api/invites/") {
		s.t.Fatalf("invite %s: %d %s", role, r.Status, r.Raw)
	}
	a := s.as(guest, "POST", "/api/invites/"+r.Body["token"].(string)+"/accept", nil)
	if a.Status != http.StatusOK || a.Body["role"] != role {
		s.t.Fatalf("accept %s: %d %s", role, a.Status, a.Raw)
	}
}

// TestAuthorizationMatrix sends every route as anonymous, stranger,
// observer, opposing party and owner, in that order, and checks each
// status. Rows run in order: some change the case for the rows after.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	owner, opposing, observer, stranger := s.register("owner@example.com"), s.register("opposing@example.com"),
		s.register("observer@example.com"), s.register("stranger@example.com")
	id := func() string {
		r := s.as(owner, "POST", "/api/cases", chequeCase())
		if r.Status != http.StatusCreated {
			t.Fatalf("filing: %d %s", r.Status, r.Raw)
		}
		return r.Body["caseId"].(string)
	}()
	s.invite(owner, opposing, id, "B")
	s.invite(owner, observer, id, "observer")
	c := s.as(owner, "GET", "/api/cases/"+id, nil).Body
	docID := c["sideA"].(map[string]any)["documents"].([]any)[0].(map[string]any)["id"].(string)
	spare := s.as(owner, "POST", "/api/cases/"+id+"/invites", map[string]string{"role": "observer"}).Body["id"].(string)
	upload := func() (*bytes.Buffer, string) {
		ct, body := multipartBody(t, map[string]string{"side": "A"}, map[string][]byte{"note.txt": []byte("A note of 20 March 2024.")}, "documents")
		return body, ct
	}

	actors := []struct {
		name string
		u    *user
	}{{"anonymous", nil}, {"stranger", stranger}, {"observer", observer}, {"opposing", opposing}, {"owner", owner}}
	const strg = 1 // the stranger's column
	base := "/api/cases/" + id
	tests := []struct {
		method, path string
		body         func() any
		want         [5]int // anonymous, stranger, observer, opposing, owner
	}{
		{"GET", "/api/auth/me", nil, [5]int{401, 200, 200, 200, 200}},
		{"GET", "/api/cases", nil, [5]int{401, 200, 200, 200, 200}},
		{"POST", "/api/cases", func() any { return chequeCase() }, [5]int{401, 201, 201, 201, 201}},
		{"POST", "/api/fact-check/extract", func() any { return map[string]string{"documentText": "Paid Rs. 500 on 1 May 2024."} }, [5]int{401, 200, 200, 200, 200}},
		{"GET", base, nil, [5]int{401, 404, 200, 200, 200}},
		{"GET", base + "/arguments", nil, [5]int{401, 404, 200, 200, 200}},
		{"GET", base + "/audit", nil, [5]int{401, 404, 200, 200, 200}},
		{"GET", base + "/documents/" + docID, nil, [5]int{401, 404, 200, 200, 200}},
		{"GET", base + "/invites", nil, [5]int{401, 404, 403, 403, 200}},
		{"POST", base + "/invites", func() any { return map[string]string{"role": "observer"} }, [5]int{401, 404, 403, 403, 201}},
		{"DELETE", base + "/invites/" + spare, nil, [5]int{401, 404, 403, 403, 204}},
		{"POST", base + "/judgment", nil, [5]int{401, 404, 403, 200, 200}},
		{"POST", base + "/arguments", func() any { return map[string]string{"side": "A", "argument": "The memo proves dishonour."} }, [5]int{401, 404, 403, 403, 200}},
		{"POST", base + "/arguments", func() any { return map[string]string{"side": "B", "argument": "The cheque was security."} }, [5]int{401, 404, 403, 200, 403}},
		{"POST", base + "/documents", func() any { b, ct := upload(); return []any{b, ct} }, [5]int{401, 404, 403, 403, 201}},
		{"POST", base + "/final-verdict", nil, [5]int{401, 404, 403, 200, 200}},
		{"DELETE", base, nil, [5]int{401, 404, 403, 403, 204}},
	}
	for _, tt := range tests {
		for i, a := range actors {
			var body any
			var header []string
			if tt.body != nil {
				body = tt.body()
				if mp, ok := body.([]any); ok {
					body, header = mp[0], []string{"Content-Type", mp[1].(string)}
				}
			}
			r := s.as(a.u, tt.method, tt.path, body, header...)
			if r.Status != tt.want[i] {
				t.Errorf("%s %s as %s: %d, want %d: %s", tt.method, tt.path, a.name, r.Status, tt.want[i], r.Raw)
			}
			if r.Status == 404 && i == strg && r.Body["error"] != "This case does not exist." {
				t.Errorf("%s %s as stranger: a 404 that differs from a missing case: %s", tt.method, tt.path, r.Raw)
			}
		}
	}
}

// TestIDOR: guessed ids and ids of other people's cases look exactly like
// ids that do not exist, on every case route.
func TestIDOR(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	alice, mallory := s.register("alice@example.com"), s.register("mallory@example.com")
	foreign := s.as(alice, "POST", "/api/cases", chequeCase()).Body["caseId"].(string)
	mine := s.as(mallory, "POST", "/api/cases", chequeCase()).Body["caseId"].(string)
	for _, id := range []string{foreign, court.NewID(), "1", "..%2f..%2fetc", foreign + "x"} {
		for _, p := range []string{"", "/arguments", "/audit", "/invites"} {
			r := s.as(mallory, "GET", "/api/cases/"+id+p, nil)
			if r.Status != 404 || r.Body["error"] != "This case does not exist." {
				t.Errorf("GET %s%s: %d %s", id, p, r.Status, r.Raw)
			}
		}
		r := s.as(mallory, "POST", "/api/cases/"+id+"/arguments", map[string]string{"side": "A", "argument": "x"})
		if r.Status != 404 {
			t.Errorf("argue on %s: %d", id, r.Status)
		}
		if r := s.as(mallory, "DELETE", "/api/cases/"+id, nil); r.Status != 404 {
			t.Errorf("delete %s: %d", id, r.Status)
		}
	}
	// A document id of a foreign case through one's own case.
	c := s.as(alice, "GET", "/api/cases/"+foreign, nil).Body
	doc := c["sideA"].(map[string]any)["documents"].([]any)[0].(map[string]any)["id"].(string)
	if r := s.as(mallory, "GET", "/api/cases/"+mine+"/documents/"+doc, nil); r.Status != 404 {
		t.Errorf("foreign document through own case: %d", r.Status)
	}
	if r := s.as(alice, "GET", "/api/cases/"+foreign, nil); r.Status != 200 {
		t.Errorf("the owner lost access: %d", r.Status)
	}
	list := s.as(mallory, "GET", "/api/cases", nil)
	if list.Body["count"] != float64(1) || !strings.Contains(list.Raw, mine) || strings.Contains(list.Raw, foreign) {
		t.Errorf("GET /api/cases: %s", list.Raw)
	}
}

// claimsOf reads a token's claims without checking it.
func claimsOf(t *testing.T, token string) jwt.MapClaims {
	t.Helper()
	var c jwt.MapClaims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTokens(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	u := s.register("tokens@example.com")
	c := claimsOf(t, u.token)
	if c["alg"] != nil || c["sid"] == "" || c["sub"] == "" || c["iss"] != "aijudge" {
		t.Fatalf("claims: %v", c)
	}
	exp, _ := c.GetExpirationTime()
	iat, _ := c.GetIssuedAt()
	if d := exp.Sub(iat.Time); d != 15*time.Minute {
		t.Errorf("token lifetime %v, want 15m", d)
	}
	sign := func(m jwt.SigningMethod, key any, mutate func(jwt.MapClaims)) string {
		cl := jwt.MapClaims{}
		for k, v := range c {
			cl[k] = v
		}
		if mutate != nil {
			mutate(cl)
		}
		tok, err := jwt.NewWithClaims(m, cl).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	parts := strings.Split(u.token, ".")
	payload := []byte(parts[1])
	payload[len(payload)/2] ^= 1
	tampered := parts[0] + "." + string(payload) + "." + parts[2]
	tests := []struct {
		name, token string
		want        int
	}{
		{"valid", u.token, 200},
		{"re-signed with the same key", sign(jwt.SigningMethodHS256, testSecret, nil), 200},
		{"tampered payload", tampered, 401},
		{"tampered signature", parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2])), 401},
		{"expired", sign(jwt.SigningMethodHS256, testSecret, func(m jwt.MapClaims) {
			m["iat"], m["nbf"], m["exp"] = time.Now().Add(-time.Hour).Unix(), time.Now().Add(-time.Hour).Unix(), time.Now().Add(-time.Minute).Unix()
		}), 401},
		{"no expiry", sign(jwt.SigningMethodHS256, testSecret, func(m jwt.MapClaims) { delete(m, "exp") }), 401},
		{"alg none", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, nil), 401},
		{"wrong key", sign(jwt.SigningMethodHS256, []byte("another-fake-secret-for-tests-0123456789"), nil), 401},
		{"other HMAC algorithm", sign(jwt.SigningMethodHS512, testSecret, nil), 401},
		{"other issuer", sign(jwt.SigningMethodHS256, testSecret, func(m jwt.MapClaims) { m["iss"] = "someone-else" }), 401},
		{"unknown session", sign(jwt.SigningMethodHS256, testSecret, func(m jwt.MapClaims) { m["sid"] = court.NewID() }), 401},
		{"other user's session", sign(jwt.SigningMethodHS256, testSecret, func(m jwt.MapClaims) { m["sub"] = court.NewID() }), 401},
		{"garbage", "not.a.token", 401},
	}
	for _, tt := range tests {
		r := s.do("GET", "/api/auth/me", "", nil, "Authorization", "Bearer "+tt.token)
		if r.Status != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, r.Status, tt.want, r.Raw)
		}
	}
	if r := s.do("GET", "/api/auth/me", "", nil, "Authorization", "Basic dXNlcjpwYXNz"); r.Status != 401 {
		t.Errorf("Basic auth: %d", r.Status)
	}
	// A bad token is refused even when a good cookie comes with it.
	if r := s.do("GET", "/api/auth/me", "", nil, "Authorization", "Bearer "+tampered, "Cookie", "aijudge_session="+u.cookie); r.Status != 401 {
		t.Errorf("bad token with a good cookie: %d", r.Status)
	}
}

func TestSessionFixationAndRevocation(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	u := s.register("fix@example.com")
	me := func(header ...string) int { return s.do("GET", "/api/auth/me", "", nil, header...).Status }

	// A cookie planted before login is not upgraded by the login.
	planted := "attacker-chosen-session-value"
	l := s.login(u.email, "correct horse battery", "Cookie", "aijudge_session="+planted)
	if l.cookie == planted {
		t.Fatal("login kept the pre-login cookie")
	}
	if st := me("Cookie", "aijudge_session="+planted); st != 401 {
		t.Errorf("planted cookie after login: %d", st)
	}
	// A real session presented at login is replaced and revoked.
	again := s.login(u.email, "correct horse battery", "Cookie", "aijudge_session="+l.cookie)
	if again.cookie == l.cookie {
		t.Fatal("the session id did not change at login")
	}
	if st := me("Cookie", "aijudge_session="+l.cookie); st != 401 {
		t.Errorf("the pre-login session still works: %d", st)
	}
	if st := me("Cookie", "aijudge_session="+again.cookie); st != 200 {
		t.Errorf("the new cookie does not work: %d", st)
	}

	// Logout revokes both the cookie and the bearer token of the session.
	if r := s.as(&user{token: again.token}, "POST", "/api/auth/logout", nil); r.Status != 204 {
		t.Fatalf("logout: %d %s", r.Status, r.Raw)
	}
	if st := me("Authorization", "Bearer "+again.token); st != 401 {
		t.Errorf("token after logout: %d", st)
	}
	if st := me("Cookie", "aijudge_session="+again.cookie); st != 401 {
		t.Errorf("cookie after logout: %d", st)
	}

	// A password change revokes every session of the user and starts one.
	a, b := s.login(u.email, "correct horse battery"), s.login(u.email, "correct horse battery")
	r := s.as(a, "POST", "/api/auth/password", map[string]string{"currentPassword": "wrong password", "newPassword": "new horse battery"})
	if r.Status != 403 {
		t.Fatalf("password change with a wrong current password: %d %s", r.Status, r.Raw)
	}
	r = s.as(a, "POST", "/api/auth/password", map[string]string{"currentPassword": "correct horse battery", "newPassword": "new horse battery"})
	if r.Status != 200 || r.Body["token"] == "" {
		t.Fatalf("password change: %d %s", r.Status, r.Raw)
	}
	for name, h := range map[string][]string{
		"token a": {"Authorization", "Bearer " + a.token}, "cookie a": {"Cookie", "aijudge_session=" + a.cookie},
		"token b": {"Authorization", "Bearer " + b.token}, "cookie b": {"Cookie", "aijudge_session=" + b.cookie},
	} {
		if st := me(h...); st != 401 {
			t.Errorf("%s after the password change: %d", name, st)
		}
	}
	if st := me("Authorization", "Bearer "+r.Body["token"].(string)); st != 200 {
		t.Errorf("the token issued by the password change: %d", st)
	}
	if bad := s.postJSON("/api/auth/login", map[string]string{"email": u.email, "password": "correct horse battery"}); bad.Status != 401 {
		t.Errorf("the old password still logs in: %d", bad.Status)
	}
	s.login(u.email, "new horse battery")
}

func TestRegisterAndLoginMessages(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, func(o *auth.Options) { o.LoginsPerAccount = 4 })
	s.register("known@example.com")
	dup := s.postJSON("/api/auth/register", map[string]string{"email": "Known@Example.com", "password": "another password", "name": "X"})
	if dup.Status != 400 || !strings.Contains(dup.Body["error"].(string), "if you already have an account") {
		t.Errorf("duplicate registration: %d %s", dup.Status, dup.Raw)
	}
	for _, tt := range []struct{ name, body string }{
		{"short password", `{"email":"n@example.com","password":"short","name":"N"}`},
		{"bad email", `{"email":"not-an-email","password":"long enough pass","name":"N"}`},
		{"no name", `{"email":"n@example.com","password":"long enough pass","name":" "}`},
	} {
		if r := s.do("POST", "/api/auth/register", "application/json", strings.NewReader(tt.body)); r.Status != 400 {
			t.Errorf("%s: %d %s", tt.name, r.Status, r.Raw)
		}
	}
	wrong := s.postJSON("/api/auth/login", map[string]string{"email": "known@example.com", "password": "wrong password"})
	unknown := s.postJSON("/api/auth/login", map[string]string{"email": "unknown@example.com", "password": "wrong password"})
	if wrong.Status != 401 || unknown.Status != 401 || wrong.Body["error"] != unknown.Body["error"] {
		t.Errorf("wrong password %d %v, unknown email %d %v: must look alike", wrong.Status, wrong.Body["error"], unknown.Status, unknown.Body["error"])
	}
	// Throttled per account and address, on failures: a success clears
	// them, so logins that succeed never add up; after four failures in a
	// row even the right password waits (429 with Retry-After).
	for i := range 5 {
		if r := s.postJSON("/api/auth/login", map[string]string{"email": "known@example.com", "password": "correct horse battery"}); r.Status != 200 {
			t.Fatalf("login %d with the right password: %d %s", i+1, r.Status, r.Raw)
		}
	}
	for i := range 4 {
		if r := s.postJSON("/api/auth/login", map[string]string{"email": "known@example.com", "password": "wrong password"}); r.Status != 401 {
			t.Fatalf("failure %d: %d %s", i+1, r.Status, r.Raw)
		}
	}
	last := s.postJSON("/api/auth/login", map[string]string{"email": "known@example.com", "password": "correct horse battery"})
	if last.Status != 429 || last.Header.Get("Retry-After") == "" {
		t.Errorf("login after four failures in a row: %d %s", last.Status, last.Raw)
	}
}

func TestAccountsCrossOrigin(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	u := s.register("csrf@example.com")
	for _, tt := range []struct{ method, path string }{
		{"POST", "/api/auth/login"}, {"POST", "/api/auth/register"}, {"POST", "/api/auth/logout"},
		{"POST", "/api/auth/password"}, {"POST", "/api/cases"},
	} {
		r := s.do(tt.method, tt.path, "application/json", strings.NewReader(`{}`),
			"Cookie", "aijudge_session="+u.cookie, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if r.Status != 403 {
			t.Errorf("%s %s from a foreign origin: %d", tt.method, tt.path, r.Status)
		}
	}
	if st := s.do("GET", "/api/auth/me", "", nil, "Cookie", "aijudge_session="+u.cookie).Status; st != 200 {
		t.Errorf("the foreign logout went through: %d", st)
	}
}

func TestSecureCookieAndHSTSBehindProxy(t *testing.T) {
	t.Parallel()
	for _, trust := range []bool{false, true} {
		ctx := context.Background()
		store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "t.db"), sqlite.Options{AutoMigrate: true})
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		mem := cache.NewMemory(cache.MemoryOptions{})
		defer mem.Close()
		svc := court.NewService(court.Options{Store: store, Judge: offline.New(), Cache: mem, Reader: document.NewReader(document.Options{})})
		h := web.New(web.Options{Service: svc, TrustProxy: trust,
			Auth: auth.NewService(auth.Options{Store: store, Secret: testSecret, Params: cheap})}).Handler()
		reg := httptest.NewRequest("POST", "/api/auth/register", strings.NewReader(`{"email":"p@example.com","password":"long enough pass","name":"P"}`))
		h.ServeHTTP(httptest.NewRecorder(), reg)
		req := httptest.NewRequest("POST", "/api/auth/login", strings.NewReader(`{"email":"p@example.com","password":"long enough pass"}`))
		req.Header.Set("X-Forwarded-Proto", "https")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		cookies := rec.Result().Cookies()
		if rec.Code != 200 || len(cookies) != 1 {
			t.Fatalf("login: %d %s", rec.Code, rec.Body)
		}
		if cookies[0].Secure != trust || (rec.Header().Get("Strict-Transport-Security") != "") != trust {
			t.Errorf("trust=%v: Secure=%v HSTS=%q", trust, cookies[0].Secure, rec.Header().Get("Strict-Transport-Security"))
		}
	}
}

// TestAuditTrail: every change of a case is in its hash-chained log,
// with the user who made it.
func TestAuditTrail(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	owner, other := s.register("o@example.com"), s.register("b@example.com")
	id := s.as(owner, "POST", "/api/cases", chequeCase()).Body["caseId"].(string)
	s.invite(owner, other, id, "B")
	s.as(owner, "POST", "/api/cases/"+id+"/judgment", nil)
	s.as(other, "POST", "/api/cases/"+id+"/arguments", map[string]string{"side": "B", "argument": "The cheque was security only."})
	s.as(owner, "POST", "/api/cases/"+id+"/final-verdict", nil)
	r := s.as(other, "GET", "/api/cases/"+id+"/audit", nil)
	var out struct {
		Entries []court.AuditEntry `json:"entries"`
	}
	json.Unmarshal([]byte(r.Raw), &out)
	var actions []string
	for _, e := range out.Entries {
		actions = append(actions, e.Action)
		if e.Actor == "" || e.Actor == court.OpenActor || e.Hash == "" {
			t.Errorf("entry %+v", e)
		}
	}
	got := strings.Join(actions, " ")
	for _, want := range []string{"case.filed document.added invite.created invite.accepted judgment.added argument.answered", "verdict.final"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit actions %q lack %q", got, want)
		}
	}
}

// TestOpenModeHasNoAccounts: AUTH_MODE=open serves the contract as it
// was; the account routes do not exist.
func TestOpenModeHasNoAccounts(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, p := range []string{"/api/auth/login", "/api/auth/register"} {
		if r := s.postJSON(p, map[string]string{}); r.Status != 404 {
			t.Errorf("%s in open mode: %d", p, r.Status)
		}
	}
	if r := s.get("/api/cases"); r.Status != 404 && r.Status != 405 {
		t.Errorf("GET /api/cases in open mode: %d", r.Status)
	}
	id := s.file()
	if r := s.argue(s.judged(), "B", "Anyone argues for either side in open mode."); r.Status != 200 {
		t.Errorf("argue in open mode: %d %s", r.Status, r.Raw)
	}
	if r := s.get("/api/cases/" + id); r.Status != 200 {
		t.Errorf("get in open mode: %d", r.Status)
	}
}
