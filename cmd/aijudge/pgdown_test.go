package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPostgresDown takes the database away from a running server (through
// a proxy, so the machine's PostgreSQL is untouched) and brings it back:
// readiness fails within 5 s, requests that need the database fail fast
// with 503 and Retry-After instead of hanging, and the server recovers
// without a restart.
func TestPostgresDown(t *testing.T) {
	t.Parallel()
	dbURL, proxy := proxiedPostgres(t)
	base, _ := startServer(t, map[string]string{"DATABASE_URL": dbURL, "AUTO_MIGRATE": "true", "AUTH_MODE": "open"})
	client := &http.Client{Timeout: 15 * time.Second}
	filing := `{"caseType":"civil","sideASummary":"A lent B money.","sideBSummary":"B denies it."}`
	do := func(method, path, body string) (int, http.Header, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header, string(b)
	}
	if code, _, body := do("POST", "/api/cases", filing); code != http.StatusCreated {
		t.Fatalf("filing before the outage: %d %s", code, body)
	}

	proxy.Cut()
	cut := time.Now()
	// Requests first: the pool still holds connections that just died.
	for _, r := range []struct{ method, path, body string }{
		{"POST", "/api/cases", filing},
		{"GET", "/api/cases/0000000000000000000000000", ""},
	} {
		start := time.Now()
		code, h, body := do(r.method, r.path, r.body)
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" {
			t.Errorf("%s %s with the database down: %d %v %s; want 503 with Retry-After", r.method, r.path, code, h, body)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s %s took %v with the database down; want a fast failure", r.method, r.path, d)
		}
	}

	for {
		code, h, _ := do("GET", "/readyz", "")
		if code == http.StatusServiceUnavailable && h.Get("Retry-After") != "" {
			break
		}
		if time.Since(cut) > 5*time.Second {
			t.Fatalf("/readyz still %d 5 s after the database went away", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("/readyz failed %v after the cut", time.Since(cut).Round(time.Millisecond))

	proxy.Restore()
	back := time.Now()
	for {
		code, _, _ := do("GET", "/readyz", "")
		if code == http.StatusOK {
			break
		}
		if time.Since(back) > 10*time.Second {
			t.Fatalf("/readyz still %d 10 s after the database returned", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("/readyz recovered %v after the database returned", time.Since(back).Round(time.Millisecond))
	if code, _, body := do("POST", "/api/cases", filing); code != http.StatusCreated {
		t.Fatalf("filing after the outage: %d %s", code, body)
	}
}
