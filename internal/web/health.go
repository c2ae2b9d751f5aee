package web

import (
	"context"
	"net/http"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// health is the reference's {status, timestamp, uptime}. The version and
// the judge's provider and model tell an attacker what to aim at, so they
// are added only with HealthDetails (HEALTH_DETAILS=true).
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	body := map[string]any{
		"status":    "ok",
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano),
		"uptime":    time.Since(s.started).Seconds(),
	}
	if s.HealthDetails {
		body["version"], body["judge"] = s.Version, s.svc.JudgeInfo()
	}
	ok(w, http.StatusOK, body)
}

// livez says only that the process serves HTTP: restarting it would not
// help with anything else.
func (s *Server) livez(w http.ResponseWriter, r *http.Request) {
	ok(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz fails when the store cannot serve, so that the load balancer
// stops sending traffic; optional parts (the cache) only add details.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	details := map[string]string{}
	if s.Ready != nil {
		details = s.Ready(ctx)
	}
	if err := s.svc.Ready(ctx); err != nil {
		details["database"] = court.ErrorMessage(err)
		w.Header().Set("Retry-After", "5")
		ok(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "details": details})
		return
	}
	details["database"] = "ok"
	ok(w, http.StatusOK, map[string]any{"status": "ok", "details": details})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(homePage))
}

const homePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>AI Judge</title></head>
<body><main>
<h1>AI Judge</h1>
<p>Mock trials and case preparation: two parties file, an AI judge gives a tentative verdict, hears up to five arguments and delivers a final verdict.</p>
<p>The JSON API is served under <code>/api</code>; see the README for examples.</p>
<p><strong>Not legal advice.</strong> ` + court.Notice + `</p>
</main></body></html>
`
