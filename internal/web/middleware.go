package web

import (
	"crypto/rand"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/telemetry"
)

// idSource makes request ids: a random per-process prefix and a counter,
// unique across replicas and cheap enough for every request.
type idSource struct {
	prefix string
	n      atomic.Uint64
}

func newIDSource() *idSource { return &idSource{prefix: strings.ToLower(rand.Text()[:10]) + "-"} }

func (s *idSource) next() string {
	var b [32]byte
	return string(strconv.AppendUint(append(b[:0], s.prefix...), s.n.Add(1), 36))
}

// requestIDOf returns the request's id, set by observe.
func requestIDOf(r *http.Request) string { return telemetry.RequestID(r.Context()) }

// validRequestID accepts a caller's X-Request-Id only if it is short and
// plain, so that it cannot forge log lines.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// recorder remembers the status and size of a response for the access
// log. Unwrap lets http.ResponseController reach Flush and deadlines.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe gives every request an id, recovers from panics, and logs one
// line per request with its route pattern, status, duration and size.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			id = s.ids.next()
		}
		w.Header().Set("X-Request-Id", id)
		orig := r
		r = r.WithContext(telemetry.WithRequestID(r.Context(), id))
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.ErrorContext(r.Context(), "panic serving request", "route", r.Pattern, "panic", p)
				if rec.status == 0 {
					s.writeError(rec, r, court.Errorf(court.EInternal, "An internal error occurred."))
				}
			}
			d := time.Since(start)
			route := routeOf(r)
			s.Metrics.ObserveHTTP(r.Method, route, rec.status, d)
			s.log.InfoContext(r.Context(), "request", "method", r.Method, "route", route,
				"status", rec.status, "duration_ms", float64(d.Microseconds())/1000, "bytes", rec.bytes)
			// The tracing middleware outside sees the original request:
			// give it the route, so spans are named by pattern.
			orig.Pattern = r.Pattern
		}()
		next.ServeHTTP(rec, r)
	})
}

// routeOf is the matched pattern, never the raw path, so that logs and
// metrics carry no ids.
func routeOf(r *http.Request) string {
	if r.Pattern != "" {
		return r.Pattern
	}
	return "unmatched"
}

// securityHeaders sets the headers every response carries. HSTS goes out
// over TLS, including TLS ended by a trusted proxy (TRUST_PROXY_HEADERS
// and X-Forwarded-Proto: https).
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		if s.secure(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// cors lets browser clients served from elsewhere call the API.
//
// An origin listed in CORS_ORIGIN is trusted: its requests may carry the
// session cookie (Access-Control-Allow-Credentials) and the cross-origin
// protection lets its writes through. "*" allows every other origin to
// read and write without credentials only: the answer says
// Access-Control-Allow-Origin: * (which browsers never combine with
// cookies), and a cross-origin write passes only when it carries no
// session cookie, so it must authenticate with a bearer token (or need
// none, in open mode). In open mode without CORS_ORIGIN, pages served
// from this machine (http://localhost:*, 127.0.0.1, [::1], such as a
// client's development server) are treated as "*" would treat them.
func (s *Server) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		switch {
		case s.corsListed[origin]:
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
		case s.corsAnyOrigin(origin):
			h.Set("Access-Control-Allow-Origin", "*")
		default:
			next.ServeHTTP(w, r)
			return
		}
		h.Set("Access-Control-Expose-Headers", "Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id, Idempotent-Replayed, Location")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization, Idempotency-Key, X-Request-Id")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// corsAnyOrigin reports whether origin, not listed, may call the API
// without credentials: under CORS_ORIGIN=*, or from this machine in open
// mode without CORS_ORIGIN.
func (s *Server) corsAnyOrigin(origin string) bool {
	if s.corsStar {
		return true
	}
	return len(s.CORSOrigins) == 0 && s.Auth == nil && loopbackOrigin(origin)
}

// loopbackOrigin reports whether origin is http(s) on localhost or a
// loopback address, on any port.
func loopbackOrigin(origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" || u.User != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// crossOrigin is the cross-origin protection of the API: a write from a
// browser origin that is not trusted is refused, except a write that
// carries no session cookie from an origin allowed without credentials
// (see cors), which a forged form cannot make use of.
func (s *Server) crossOrigin(cop *http.CrossOriginProtection, next http.Handler) http.Handler {
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); origin != "" && !s.corsListed[origin] && s.corsAnyOrigin(origin) {
			if _, err := r.Cookie(sessionCookie); err != nil {
				next.ServeHTTP(w, r)
				return
			}
		}
		protected.ServeHTTP(w, r)
	})
}

// rateLimit applies the general /api limit per client.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.Limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.allow(w, r, "api", s.APILimit); err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// allow counts the request against the client's limit in scope.
func (s *Server) allow(w http.ResponseWriter, r *http.Request, scope string, limit int) error {
	if s.Limiter == nil || limit <= 0 {
		return nil
	}
	d, err := s.Limiter.Allow(r.Context(), scope+":"+s.clientIP(r), ratelimit.Rule{Limit: limit, Window: s.RateWindow})
	if err != nil {
		// A limiter that cannot decide must not take the service down.
		s.log.WarnContext(r.Context(), "rate limiter failed; request allowed", "err", err)
		return nil
	}
	d.Headers(w.Header())
	if !d.Allowed {
		e := court.Errorf(court.ERateLimited, "Too many requests from this address; try again after the time in Retry-After.")
		e.RetryAfter = d.RetryAfter
		return e
	}
	return nil
}

// clientIP is the address limits count against: the direct peer's, or
// behind trusted proxies the client's as they forwarded it.
func (s *Server) clientIP(r *http.Request) string { return s.Proxy.ClientIP(r) }

// limitForms applies the API's limits to the pages' form posts: every
// post counts against the general limit, and the posts that ask the judge
// (judgment, arguments, final verdict, appeal) against the judge's too, so that
// the browser is no way around them.
func (s *Server) limitForms(next http.Handler) http.Handler {
	if s.Limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			err := s.allow(w, r, "api", s.APILimit)
			if p := r.URL.Path; err == nil && (strings.HasSuffix(p, "/judgment") || strings.HasSuffix(p, "/arguments") || strings.HasSuffix(p, "/final-verdict") || strings.HasSuffix(p, "/appeal")) {
				err = s.allow(w, r, "judge", s.JudgeLimit)
			}
			if err != nil {
				http.Error(w, s.message(r, err), http.StatusTooManyRequests)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
