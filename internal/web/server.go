// Package web is the HTTP face of AI Judge: the JSON API of the reference
// implementation (same paths and field names), server-sent events while
// the judge writes, probes, and the middleware every request passes
// through. Handlers return errors; one adapter turns them into responses.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
	"github.com/aijudge/aijudge/internal/proxy"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/telemetry"
)

// Options configure a Server.
type Options struct {
	Service *court.Service
	// Clerk checks every case operation's seat; nil builds one from
	// Service and Auth. The pages share it.
	Clerk   *clerk.Clerk
	Logger  *slog.Logger
	Limiter ratelimit.Limiter
	// Metrics records every request; the handler never serves them:
	// MetricsHandler does, on a listener of its own (METRICS_ADDR).
	Metrics *telemetry.Metrics
	// Auth switches on AUTH_MODE=accounts: logins, sessions and case
	// membership checked on every route (see access.go). nil is
	// AUTH_MODE=open: no accounts and no checks, the API contract as is.
	Auth *auth.Service

	Version string
	// HealthDetails adds the version and the judge's provider and model
	// to GET /health.
	HealthDetails bool
	MaxFileSize   int64
	MaxCaseBytes  int64
	CORSOrigins   []string
	// PublicURL is the service's address as users reach it; invitation
	// links start with it. Empty, they are paths: the request's Host
	// header, which anyone can set, is never used.
	PublicURL string
	// TrustProxy takes the client address from X-Forwarded-For and TLS
	// from X-Forwarded-Proto, when the direct peer is one of Proxy's
	// proxies; a nil Proxy trusts every peer (the server's own
	// configuration passes TRUSTED_PROXIES).
	TrustProxy bool
	Proxy      *proxy.Trust

	// Per client and window: every /api request counts against APILimit;
	// the requests that may call the judge also count against JudgeLimit.
	RateWindow time.Duration
	APILimit   int
	JudgeLimit int
	// JudgeTimeout is how long a request that calls the judge may take.
	JudgeTimeout time.Duration

	// Idempotency keeps the outcomes of requests that carry an
	// Idempotency-Key (filing, judgment, arguments, final verdict, appeal); nil
	// ignores the header.
	Idempotency idempotency.Store
	// IdempotencyScope names whose keys a request's key is one of; nil
	// scopes keys by the signed-in user in accounts mode and by client
	// address in open mode.
	IdempotencyScope func(*http.Request) string

	// BodyBudget is how many bytes the bodies of filings and uploads
	// being read may cost at once, across the process (default 256 MiB);
	// a request that finds it spent waits up to BodyWait (default 5 s)
	// and is then answered 503 with Retry-After.
	BodyBudget int64
	BodyWait   time.Duration

	// Ready reports extra readiness detail (the cache, say) that never
	// makes the service unready; nil means none.
	Ready func(ctx context.Context) map[string]string

	// UI serves the browser pages and their static files (internal/ui)
	// at every path outside /api and the probes; nil serves a plain
	// home page only.
	UI http.Handler
	// Localize returns an error's message in the language r asks for.
	// The pages' script calls the API and shows its errors, so the UI,
	// which knows the languages, decides (ui.UI.LocalizeError). nil, and
	// any request the function leaves in English, gets e.Message.
	Localize func(r *http.Request, e *court.Error) string
}

// Server serves the API.
type Server struct {
	Options
	svc     *court.Service
	clerk   *clerk.Clerk
	log     *slog.Logger
	started time.Time
	ids     *idSource
	budget  *bodyBudget

	// bg is the server's own background work (settling idempotency keys
	// after a failure); Close waits for it.
	// corsListed holds the origins of CORS_ORIGIN; corsStar is "*" among them.
	corsListed map[string]bool
	corsStar   bool

	bg      sync.WaitGroup
	stop    chan struct{}
	stopped sync.Once
}

// New returns a Server.
func New(o Options) *Server {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 10 << 20
	}
	if o.MaxCaseBytes < o.MaxFileSize {
		o.MaxCaseBytes = 10 * o.MaxFileSize
	}
	if o.RateWindow <= 0 {
		o.RateWindow = 15 * time.Minute
	}
	if o.JudgeTimeout <= 0 {
		o.JudgeTimeout = 3 * time.Minute
	}
	if !o.TrustProxy {
		o.Proxy = nil
	} else if o.Proxy == nil {
		o.Proxy = &proxy.Trust{Proxies: proxy.Any}
	}
	if o.BodyBudget <= 0 {
		o.BodyBudget = 256 << 20
	}
	if o.BodyWait <= 0 {
		o.BodyWait = 5 * time.Second
	}
	if o.Clerk == nil {
		o.Clerk = clerk.New(o.Service, o.Auth)
	}
	srv := &Server{Options: o, svc: o.Service, clerk: o.Clerk, log: o.Logger, started: time.Now(), ids: newIDSource(),
		stop: make(chan struct{}), corsListed: map[string]bool{}, budget: newBodyBudget(o.BodyBudget, o.BodyWait)}
	for _, origin := range o.CORSOrigins {
		if origin == "*" {
			srv.corsStar = true
		} else {
			srv.corsListed[origin] = true
		}
	}
	return srv
}

// Close ends the server's background work, trying once more at once what
// it was retrying, and returns when it has finished or ctx ends. Call it
// after the HTTP server has shut down and before the stores close.
func (s *Server) Close(ctx context.Context) error {
	s.stopped.Do(func() { close(s.stop) })
	done := make(chan struct{})
	go func() { s.bg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Handler returns the routes wrapped in the middleware, outermost first:
// request id, access log and panic recovery; security headers; draining
// of refused bodies (drain.go); CORS;
// cross-origin protection; rate limits (on /api only). Probes sit behind
// the first two only, so that no limit can fail them.
func (s *Server) Handler() http.Handler {
	api := http.NewServeMux()
	api.Handle("POST /api/cases", s.api(s.budgeted(s.idempotent(s.fileCase))))
	api.Handle("GET /api/cases/{id}", s.api(s.getCase))
	api.Handle("DELETE /api/cases/{id}", s.api(s.deleteCase))
	api.Handle("POST /api/cases/{id}/judgment", s.judgeRoute(s.idempotent(s.judgment)))
	api.Handle("POST /api/cases/{id}/arguments", s.judgeRoute(s.idempotent(s.argue)))
	api.Handle("GET /api/cases/{id}/arguments", s.api(s.listArguments))
	api.Handle("POST /api/cases/{id}/final-verdict", s.judgeRoute(s.idempotent(s.finalVerdict)))
	api.Handle("POST /api/cases/{id}/appeal", s.judgeRoute(s.idempotent(s.appeal)))
	api.Handle("POST /api/cases/{id}/documents", s.api(s.budgeted(s.addDocuments)))
	api.Handle("GET /api/cases/{id}/documents/{docId}", s.api(s.getDocument))
	api.Handle("GET /api/cases/{id}/documents/{docId}/text", s.api(s.getDocumentText))
	api.Handle("POST /api/fact-check/extract", s.api(s.extractFacts))
	api.Handle("POST /api/fact-check/validate", s.api(s.validateFacts))
	api.Handle("POST /api/fact-check/claim", s.api(s.checkClaim))
	s.accountRoutes(api)
	api.Handle("/api/", s.api(func(http.ResponseWriter, *http.Request) error {
		return court.Errorf(court.ENotFound, "No such API endpoint.")
	}))

	cop := http.NewCrossOriginProtection()
	for _, o := range s.CORSOrigins {
		if o != "*" {
			cop.AddTrustedOrigin(o)
		}
	}
	cop.SetDenyHandler(s.api(func(http.ResponseWriter, *http.Request) error {
		return court.Errorf(court.EForbidden, "Cross-origin requests that change state are refused.")
	}))
	guarded := s.cors(s.crossOrigin(cop, s.rateLimit(api)))

	root := http.NewServeMux()
	root.HandleFunc("GET /health", s.health)
	root.HandleFunc("GET /livez", s.livez)
	root.HandleFunc("GET /readyz", s.readyz)
	if s.UI != nil {
		// Pages change state with forms: the same cross-origin
		// protection and rate limits as the API.
		root.Handle("/", s.drainBodies(cop.Handler(s.limitForms(s.budgetForms(s.UI)))))
	} else {
		root.HandleFunc("GET /{$}", s.home)
	}
	root.Handle("/api/", s.drainBodies(guarded))
	return s.observe(s.securityHeaders(root))
}

// api adapts a handler that returns an error, after applying the route's
// access policy (access.go).
func (s *Server) api(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No answer of the API is for a shared cache or the browser's
		// history: most carry a party's case or account.
		w.Header().Set("Cache-Control", "no-store")
		r, err := s.authorize(r)
		if err == nil {
			err = h(w, r)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

// judgeRoute is api for the endpoints that may call the judge: they get
// the stricter rate limit and a write deadline long enough for the judge.
func (s *Server) judgeRoute(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return s.api(func(w http.ResponseWriter, r *http.Request) error {
		if err := s.allow(w, r, "judge", s.JudgeLimit); err != nil {
			return err
		}
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.JudgeTimeout + 10*time.Second))
		return h(w, r)
	})
}
