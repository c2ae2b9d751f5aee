package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/telemetry"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/testenv"
	"github.com/aijudge/aijudge/internal/web"
)

// CORS_ORIGIN=* lets any origin read and write without credentials: in
// open mode, and with a bearer token in accounts mode. A write that
// carries the session cookie from an origin not listed is still refused.
func TestCORSAnyOrigin(t *testing.T) {
	t.Parallel()
	star := webOption(func(o *web.Options) { o.CORSOrigins = []string{"*"} })
	body, _ := json.Marshal(chequeCase())
	cross := []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://client.example"}

	open := newServer(t, star)
	r := open.do("POST", "/api/cases", "application/json", bytes.NewReader(body), cross...)
	if r.Status != http.StatusCreated || r.Header.Get("Access-Control-Allow-Origin") != "*" || r.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("open mode, *: %d %v %s", r.Status, r.Header, r.Raw)
	}
	pre := open.do("OPTIONS", "/api/cases", "", nil, "Origin", "https://client.example", "Access-Control-Request-Method", "POST")
	if pre.Status != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("preflight: %d %v", pre.Status, pre.Header)
	}

	acc := newAccountsServerWith(t, nil, func(o *web.Options, _ *sqlite.Store) { o.CORSOrigins = []string{"*"} })
	u := acc.register("cors@example.com")
	r = acc.do("POST", "/api/cases", "application/json", bytes.NewReader(body), append(cross, "Authorization", "Bearer "+u.token)...)
	if r.Status != http.StatusCreated {
		t.Fatalf("accounts mode, *, bearer token: %d %s", r.Status, r.Raw)
	}
	r = acc.do("POST", "/api/cases", "application/json", bytes.NewReader(body), append(cross, "Cookie", "aijudge_session="+u.cookie)...)
	if r.Status != http.StatusForbidden {
		t.Fatalf("accounts mode, *, session cookie from a foreign origin: %d %s", r.Status, r.Raw)
	}
}

// A listed origin may send the cookie; open mode without CORS_ORIGIN
// serves a client's development server on this machine out of the box.
func TestCORSListedAndLoopback(t *testing.T) {
	t.Parallel()
	body, _ := json.Marshal(chequeCase())
	acc := newAccountsServerWith(t, nil, func(o *web.Options, _ *sqlite.Store) { o.CORSOrigins = []string{"https://client.example"} })
	u := acc.register("listed@example.com")
	r := acc.do("POST", "/api/cases", "application/json", bytes.NewReader(body),
		"Sec-Fetch-Site", "cross-site", "Origin", "https://client.example", "Cookie", "aijudge_session="+u.cookie)
	if r.Status != http.StatusCreated || r.Header.Get("Access-Control-Allow-Credentials") != "true" || r.Header.Get("Access-Control-Allow-Origin") != "https://client.example" {
		t.Fatalf("listed origin with the cookie: %d %v %s", r.Status, r.Header, r.Raw)
	}

	open := newServer(t)
	for _, origin := range []string{"http://localhost:5173", "http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173"} {
		r := open.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Sec-Fetch-Site", "cross-site", "Origin", origin)
		if r.Status != http.StatusCreated || r.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("open mode from %s: %d %v", origin, r.Status, r.Header)
		}
	}
	for _, origin := range []string{"https://evil.example", "http://localhost.evil.example", "null"} {
		if r := open.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Sec-Fetch-Site", "cross-site", "Origin", origin); r.Status != http.StatusForbidden {
			t.Errorf("open mode from %s: %d", origin, r.Status)
		}
	}
	// Accounts mode trusts no origin that is not listed.
	plain := newAccountsServer(t, nil)
	if r := plain.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Sec-Fetch-Site", "cross-site", "Origin", "http://localhost:5173"); r.Status != http.StatusForbidden {
		t.Errorf("accounts mode from localhost: %d", r.Status)
	}
}

// Behind a proxy that adds its own X-Forwarded-For line instead of
// appending to the client's, a client that sends a line of its own does
// not pick its address: every line is read, the proxy's last.
func TestForwardedForLinesJoined(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.TrustProxy, o.APILimit = true, 2 }))
	var last response
	for i := range 3 {
		req, _ := http.NewRequest("GET", s.URL+"/api/cases/nosuchcase", nil)
		req.Header.Add("X-Forwarded-For", "6.6.6."+string(rune('1'+i)))
		req.Header.Add("X-Forwarded-For", "198.51.100.7")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		last = response{Status: res.StatusCode}
	}
	if last.Status != http.StatusTooManyRequests {
		t.Fatalf("a forged first line escaped the limit: %d", last.Status)
	}
}

// Invitation links start with PUBLIC_URL, never with the request's Host
// header; without it they are paths.
func TestInviteLinkIgnoresHost(t *testing.T) {
	t.Parallel()
	for _, public := range []string{"https://judge.example.org/", ""} {
		s := newAccountsServerWith(t, nil, func(o *web.Options, _ *sqlite.Store) { o.PublicURL = public })
		u := s.register("owner@example.com")
		id := s.as(u, "POST", "/api/cases", chequeCase()).Body["caseId"].(string)
		r := s.as(u, "POST", "/api/cases/"+id+"/invites", map[string]string{"role": "B"}, "Host", "evil.example")
		link, _ := r.Body["url"].(string)
		want := strings.TrimSuffix(public, "/") + "/api/invites/"
		if r.Status != 201 || !strings.HasPrefix(link, want) || strings.Contains(link, "evil") {
			t.Errorf("PUBLIC_URL %q: invite link %q (%d %s)", public, link, r.Status, r.Raw)
		}
	}
}

// Every authenticated answer says Cache-Control: no-store.
func TestAuthenticatedAnswersAreNotStored(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	u := s.register("store@example.com")
	id := s.as(u, "POST", "/api/cases", chequeCase()).Body["caseId"].(string)
	for _, path := range []string{"/api/cases", "/api/auth/me", "/api/cases/" + id, "/api/cases/" + id + "/arguments", "/api/cases/" + id + "/audit", "/api/cases/" + id + "/invites"} {
		if r := s.as(u, "GET", path, nil); r.Status != 200 || r.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: %d, Cache-Control %q", path, r.Status, r.Header.Get("Cache-Control"))
		}
	}
}

// Registration refuses the passwords anyone would try first, and says why.
func TestRegistrationRefusesWeakPasswords(t *testing.T) {
	t.Parallel()
	s := newAccountsServer(t, nil)
	for _, pw := range []string{"password", "12345678", "aaaaaaaa", "weak@example.com"} {
		r := s.postJSON("/api/auth/register", map[string]string{"email": "weak@example.com", "password": pw, "name": "Weak"})
		if r.Status != 400 || !strings.Contains(r.Body["error"].(string), "password") {
			t.Errorf("password %q: %d %s", pw, r.Status, r.Raw)
		}
	}
}

// Failed logins from one address slow that address down on the account;
// the owner, from another address, still logs in with the right password.
func TestFailedLoginsDoNotLockTheOwnerOut(t *testing.T) {
	t.Parallel()
	s := newAccountsServerWith(t, nil, func(o *web.Options, _ *sqlite.Store) { o.TrustProxy = true })
	s.register("victim@example.com")
	attacker := []string{"X-Forwarded-For", "203.0.113.66"}
	var last response
	for range 12 {
		b, _ := json.Marshal(map[string]string{"email": "victim@example.com", "password": "wrong password"})
		last = s.do("POST", "/api/auth/login", "application/json", bytes.NewReader(b), attacker...)
	}
	if last.Status != http.StatusTooManyRequests {
		t.Fatalf("the attacker's address is not slowed down: %d", last.Status)
	}
	s.login("victim@example.com", "correct horse battery", "X-Forwarded-For", "198.51.100.10")
}

// slowStore answers Case only when the request's context ends, as the
// SQLite writer's queue does under load.
type slowStore struct{ court.Store }

func (s slowStore) Case(ctx context.Context, id string) (*court.Case, error) {
	<-ctx.Done()
	return nil, court.Wrap(court.EUnavailable, ctx.Err(), "The request ended before the database answered.")
}

// A request whose client goes away is logged at INFO as 499 and counted
// so, never as a 503 at ERROR.
func TestClientGoneIsNotAServerError(t *testing.T) {
	t.Parallel()
	var logs testenv.Buffer
	s := newServer(t, func(st *setup) {
		st.wrap = func(s court.Store) court.Store { return slowStore{s} }
		st.web.Logger = telemetry.NewLogger(&logs, slog.LevelInfo)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/api/cases/abcdefabcdef", nil)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatalf("the request was answered: %d", res.StatusCode)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), `"msg":"request"`) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	out := logs.String()
	if strings.Contains(out, `"level":"ERROR"`) || strings.Contains(out, `"status":503`) || !strings.Contains(out, `"status":499`) || !strings.Contains(out, "client closed the request") {
		t.Errorf("logs:\n%s", out)
	}
}

// The API refuses the file names the pages refuse, and a document saves
// under a name that ends in its sniffed type's extension.
func TestDocumentNames(t *testing.T) {
	t.Parallel()
	s := newServer(t, withBlobs(t))
	for _, name := range []string{"evil.html", "x.svg"} {
		c := chequeCase()
		c["sideADocs"] = []map[string]string{{"name": name, "text": "<script>alert(1)</script>"}}
		if r := s.postJSON("/api/cases", c); r.Status != http.StatusUnsupportedMediaType {
			t.Errorf("%s filed: %d %s", name, r.Status, r.Raw)
		}
		ct, body := multipartBody(t, map[string]string{"caseType": "civil", "sideASummary": "a", "sideBSummary": "b"}, map[string][]byte{name: []byte("<svg onload=alert(1)>")}, "sideADocs")
		if r := s.do("POST", "/api/cases", ct, body); r.Status != http.StatusUnsupportedMediaType {
			t.Errorf("%s filed as multipart: %d %s", name, r.Status, r.Raw)
		}
	}
	c := chequeCase()
	c["sideADocs"] = []map[string]string{{"name": "memo", "text": "Return memo dated 18/01/2024."}}
	id := s.postJSON("/api/cases", c).Body["caseId"].(string)
	docs := s.get("/api/cases/" + id).Body["sideA"].(map[string]any)["documents"].([]any)
	docID := docs[0].(map[string]any)["id"].(string)
	r := s.get("/api/cases/" + id + "/documents/" + docID)
	if cd := r.Header.Get("Content-Disposition"); r.Status != 200 || cd != `attachment; filename=memo.txt` {
		t.Errorf("download: %d, Content-Disposition %q", r.Status, cd)
	}
}

// GET /health names no version or model unless HEALTH_DETAILS asks.
func TestHealthWithoutModel(t *testing.T) {
	t.Parallel()
	if h := newServer(t).get("/health"); h.Body["judge"] != nil || h.Body["version"] != nil || h.Body["status"] != "ok" {
		t.Errorf("health: %s", h.Raw)
	}
	s := newServer(t, webOption(func(o *web.Options) { o.HealthDetails = true }))
	if h := s.get("/health"); h.Body["judge"] == nil {
		t.Errorf("health with details: %s", h.Raw)
	}
}

// The application's port never serves /metrics; MetricsHandler, for the
// listener of METRICS_ADDR, serves them and nothing else.
func TestMetricsOnlyOnTheirListener(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{Version: "test"})
	s := newServer(t, webOption(func(o *web.Options) { o.Metrics = m }))
	if r := s.get("/health"); r.Status != 200 {
		t.Fatalf("health: %d", r.Status)
	}
	if r := s.get("/metrics"); r.Status != http.StatusNotFound || strings.Contains(r.Raw, "aijudge_") {
		t.Errorf("GET /metrics on the application's port: %d %.200s", r.Status, r.Raw)
	}
	ms := httptest.NewServer(web.MetricsHandler(m))
	t.Cleanup(ms.Close)
	for path, want := range map[string]int{"/metrics": 200, "/health": 404, "/api/cases": 404} {
		res, err := http.Get(ms.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || want == 200 && !strings.Contains(string(b), `aijudge_http_request_duration_seconds_count{method="GET",route="GET /health",status_code="200"} 1`) {
			t.Errorf("GET %s on the metrics listener: %d, want %d\n%.300s", path, res.StatusCode, want, b)
		}
	}
}
