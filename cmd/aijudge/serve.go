package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/proxy"
	"github.com/aijudge/aijudge/internal/telemetry"
	"github.com/aijudge/aijudge/internal/ui"
	"github.com/aijudge/aijudge/internal/web"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

const serveUsage = `Usage: aijudge serve

Serves the web UI and the JSON API on PORT (3001). With no settings it
keeps cases in SQLite under DATA_DIR (./data), caches in-process, keeps
documents on local disk and judges with the offline engine. It stops
gracefully on SIGTERM or Ctrl-C: in-flight requests finish first.

Example:

  PORT=8080 AUTH_MODE=open LLM_PROVIDER=offline aijudge serve
`

func serve(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", serveUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return err
	}
	out := telemetry.NewBufferedWriter(e.stdout, 64<<10, 200*time.Millisecond)
	defer out.Close()
	log := telemetry.NewLoggerFormat(out, cfg.LogLevel, cfg.LogFormat)
	log.Info("starting", append([]any{"version", buildVersion()}, cfg.Dump()...)...)
	privateFiles()
	warnReadable(log, cfg)

	metrics := telemetry.NewMetrics(telemetry.MetricsOptions{Version: version})
	tp, shutdownTracing, err := telemetry.SetupTracing(ctx, e.getenv)
	if err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := shutdownTracing(ctx); err != nil {
			log.Warn("traces not flushed", "err", err)
		}
	}()
	tracer := telemetry.Tracer(tp)

	a, err := newApp(ctx, cfg, log, metrics, tracer)
	if err != nil {
		return err
	}
	defer a.Close()
	if a.sweeper != nil {
		defer startJanitor(ctx, a.sweeper, sweepEvery, log)()
	}
	info := a.svc.JudgeInfo()
	log.Info("judge ready", "provider", info.Provider, "model", info.Model, "prompt_version", info.PromptVersion)

	authSvc, err := a.newAuth()
	if err != nil {
		return err
	}
	// One clerk checks every case operation, for the pages and the API.
	k := clerk.New(a.svc, authSvc)
	var trust *proxy.Trust
	if cfg.TrustProxyHeaders {
		trust = &proxy.Trust{Proxies: cfg.TrustedProxies, Hops: cfg.TrustedProxyHops}
	}
	// Listen first: on this machine the address served is the public one
	// when PUBLIC_URL is not set.
	lns, err := listen(cfg.Host, cfg.Port, log)
	if err != nil {
		return err
	}
	for _, ln := range lns {
		defer ln.Close()
	}
	publicURL := cfg.PublicURL
	if publicURL == "" && loopback(cfg.Host) {
		publicURL = "http://" + lns[0].Addr().String()
	}
	if publicURL == "" && cfg.AuthMode == "accounts" {
		log.Warn("PUBLIC_URL is not set: invitation links are paths without the service's address; set PUBLIC_URL to the address users reach")
	}
	pages, err := ui.New(ui.Options{Service: a.svc, Clerk: k, Auth: authSvc, Logger: log, PublicURL: publicURL,
		Proxy: trust, MaxFileSize: cfg.MaxFileSize, MaxCaseBytes: cfg.MaxCaseBytes})
	if err != nil {
		return err
	}
	srv := web.New(web.Options{
		UI:       pages,
		Localize: pages.LocalizeError,
		Auth:     authSvc,
		Service:  a.svc, Clerk: k, Logger: log, Limiter: a.limiter, Metrics: metrics, Version: version, HealthDetails: cfg.HealthDetails,
		MaxFileSize: cfg.MaxFileSize, MaxCaseBytes: cfg.MaxCaseBytes, BodyBudget: cfg.UploadMemory,
		CORSOrigins: cfg.CORSOrigins, TrustProxy: cfg.TrustProxyHeaders, Proxy: trust, PublicURL: publicURL,
		RateWindow: cfg.RateLimitWindow, APILimit: cfg.RateLimitMax, JudgeLimit: cfg.JudgeRateLimitMax,
		JudgeTimeout: cfg.JudgeDeadline(),
		Ready:        a.readiness,
		Idempotency:  a.idempotency,
	})
	hs := &http.Server{
		Handler:           traced(srv.Handler(), tp),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	addr := lns[0].Addr().String()
	for _, ln := range lns {
		log.Info("listening", "addr", ln.Addr().String())
	}
	if cfg.AuthMode == "open" && !loopback(cfg.Host) {
		log.Warn("AUTH_MODE=open on a network address: every case can be read, changed and deleted by anyone who can reach "+addr+"; set HOST=localhost or AUTH_MODE=accounts",
			"host", cfg.Host)
	}
	if cfg.MetricsAddr != "" {
		maddr, stopMetrics, err := serveMetrics(cfg.MetricsAddr, metrics, log)
		switch {
		case err == nil:
			defer stopMetrics()
			if e.metricsListening != nil {
				e.metricsListening <- maddr
			}
		case cfg.MetricsAddr == config.DefaultMetricsAddr:
			// Not asked for by name: a Prometheus of this machine may hold
			// its own 9090. The service runs; the metrics are missing.
			log.Warn("metrics not served: "+err.Error()+"; set METRICS_ADDR to a free host:port, or off", "addr", cfg.MetricsAddr)
		default:
			return err
		}
	}
	if e.listening != nil {
		e.listening <- addr
	}

	served := make(chan error, len(lns))
	for _, ln := range lns {
		go func() { served <- hs.Serve(ln) }()
	}
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down; waiting for in-flight requests", "timeout", cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	for range lns {
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	// Background work ends before the stores close (a.Close, deferred).
	if err := srv.Close(sctx); err != nil {
		log.Warn("background work of the server did not finish", "err", err)
	}
	if err := a.svc.Close(sctx); err != nil {
		log.Warn("background work of the court did not finish", "err", err)
	}
	log.Info("stopped")
	return nil
}

// serveMetrics serves GET /metrics alone on addr (METRICS_ADDR), apart
// from the application's port, open to users, which never shows them. It
// returns the address bound and a function that stops it.
func serveMetrics(addr string, m *telemetry.Metrics, log *slog.Logger) (string, func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("METRICS_ADDR=%s: %w", addr, err)
	}
	ms := &http.Server{Handler: web.MetricsHandler(m), ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	log.Info("metrics listening", "addr", ln.Addr().String())
	done := make(chan struct{})
	go func() { defer close(done); ms.Serve(ln) }()
	return ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ms.Shutdown(ctx)
		<-done
	}, nil
}

// listen opens the application's listeners: HOST=localhost, the default,
// is both loopback addresses, 127.0.0.1 first and ::1 on the same port
// (skipped, with a line in the log, on a machine without IPv6); any other
// HOST is that address alone.
func listen(host string, port int, log *slog.Logger) ([]net.Listener, error) {
	if host != "localhost" {
		ln, err := net.Listen("tcp", net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(port)))
		if err != nil {
			return nil, fmt.Errorf("HOST=%s PORT=%d: %w", host, port, err)
		}
		return []net.Listener{ln}, nil
	}
	v4, err := net.Listen("tcp4", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("HOST=localhost (127.0.0.1) PORT=%d: %w", port, err)
	}
	// PORT=0: ::1 takes the port 127.0.0.1 was given.
	bound := strconv.Itoa(v4.Addr().(*net.TCPAddr).Port)
	v6, err := net.Listen("tcp6", net.JoinHostPort("::1", bound))
	if err != nil {
		log.Info("not listening on ::1; serving 127.0.0.1 only", "port", bound, "err", err)
		return []net.Listener{v4}, nil
	}
	return []net.Listener{v4, v6}, nil
}

// loopback reports whether host is an address of this machine only.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// readiness adds the optional parts' state to /readyz without ever making
// the service unready: without Redis it still serves from memory.
func (a *app) readiness(ctx context.Context) map[string]string {
	d := map[string]string{"judge": a.svc.JudgeInfo().Provider}
	if a.redis != nil {
		if up, detail := a.redis.Status(); up {
			d["redis"] = "ok"
		} else {
			d["redis"] = "degraded: " + detail
		}
	}
	return d
}

// traced puts a server span around every request when tracing is on.
// Off, the handler is left bare so that it costs nothing.
func traced(h http.Handler, tp trace.TracerProvider) http.Handler {
	if _, off := tp.(noop.TracerProvider); off {
		return h
	}
	return telemetry.TraceHTTP(h, tp, "/livez", "/readyz", "/metrics")
}
