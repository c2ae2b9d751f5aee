package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"
	"go.opentelemetry.io/otel/trace"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/blob"
	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/idempotency"
	"github.com/aijudge/aijudge/internal/judge"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/law"
	"github.com/aijudge/aijudge/internal/llm"
	"github.com/aijudge/aijudge/internal/postgres"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/telemetry"
	"github.com/aijudge/aijudge/internal/telemetry/storetrace"
)

// app is the wired service and what must be closed after it.
type app struct {
	cfg     *config.Config
	log     *slog.Logger
	store   court.Store
	cache   court.Cache
	redis   *cache.TwoLayer // nil without REDIS_URL
	limiter ratelimit.Limiter
	metrics *telemetry.Metrics
	svc     *court.Service
	closers []func() error
	// idempotency keeps Idempotency-Key outcomes in the database, so
	// that retries are answered alike on every replica.
	idempotency idempotency.Store
	// accounts and audit are the store's accounts and audit log (both
	// stores have them; see internal/auth and court.AuditLog).
	accounts auth.Store
	audit    court.AuditLog
	// sweeper deletes what has expired; serve runs it (see startJanitor).
	sweeper sweeper
}

func (a *app) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		errs = append(errs, a.closers[i]())
	}
	return errors.Join(errs...)
}

// openStore opens the store the configuration names: PostgreSQL when
// DATABASE_URL is set, SQLite under DATA_DIR otherwise.
func openStore(ctx context.Context, cfg *config.Config, autoMigrate bool) (court.Store, error) {
	if cfg.DatabaseURL != "" {
		s, err := postgres.Open(ctx, cfg.DatabaseURL, postgres.Options{
			AutoMigrate: autoMigrate, MaxConns: cfg.DBMaxConns, StatementTimeout: cfg.DBStatementTimeout,
		})
		if err != nil {
			return nil, fmt.Errorf("DATABASE_URL: %w", err)
		}
		return s, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("DATA_DIR=%q cannot be created: %w", cfg.DataDir, err)
	}
	s, err := sqlite.Open(ctx, filepath.Join(cfg.DataDir, "aijudge.db"), sqlite.Options{AutoMigrate: autoMigrate})
	if err != nil {
		return nil, fmt.Errorf("DATA_DIR: %w", err)
	}
	return s, nil
}

func dbSystem(cfg *config.Config) string {
	if cfg.DatabaseURL != "" {
		return "postgresql"
	}
	return "sqlite"
}

// newApp wires the service from the configuration. m and tracer may be
// nil: the command-line tools neither export metrics nor trace.
func newApp(ctx context.Context, cfg *config.Config, log *slog.Logger, m *telemetry.Metrics, tracer trace.Tracer) (*app, error) {
	a := &app{cfg: cfg, log: log, metrics: m}
	ok := false
	defer func() {
		if !ok {
			a.Close()
		}
	}()

	store, err := openStore(ctx, cfg, cfg.AutoMigrate)
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, store.Close)
	a.idempotency, _ = store.(idempotency.Store)
	a.accounts, _ = store.(auth.Store)
	a.audit, _ = store.(court.AuditLog)
	a.sweeper, _ = store.(sweeper)
	if p, ok := store.(interface{ PoolStats() (idle, inUse, max int) }); ok {
		m.SetDBPoolStats(func() telemetry.DBPoolStats {
			idle, inUse, max := p.PoolStats()
			return telemetry.DBPoolStats{Idle: idle, InUse: inUse, Max: max}
		})
	}
	a.store = storetrace.New(store, dbSystem(cfg), m, tracer)

	if err := a.openCache(ctx); err != nil {
		return nil, err
	}

	blobURL := cfg.BlobURL
	if blobURL == "" {
		dir, err := filepath.Abs(filepath.Join(cfg.DataDir, "documents"))
		if err != nil {
			return nil, fmt.Errorf("DATA_DIR: %w", err)
		}
		blobURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}).String()
	}
	blobs, err := blob.Open(ctx, blobURL)
	if err != nil {
		return nil, fmt.Errorf("BLOB_URL: %w", err)
	}
	a.closers = append(a.closers, blobs.Close)

	ocr, err := newOCR(ctx, cfg, log)
	if err != nil {
		return nil, err
	}

	j, appellate, err := a.newJudges(ctx, tracer)
	if err != nil {
		return nil, err
	}
	a.svc = court.NewService(court.Options{
		Store:     a.store,
		Judge:     j,
		Appellate: appellate,
		SwapCheck: cfg.BiasCheck == "swap",
		Cache:     a.cache,
		Reader:    document.NewReader(document.Options{MaxFileSize: cfg.MaxFileSize, Cache: a.cache, Observe: m.ObserveExtraction, OCR: ocr}),
		Blobs:     blobs,
		Logger:    log,
		Recorder:  m,
		Audit:     a.audit,
		// The same citation check for every judge.
		Citations: law.Checker{},

		DefaultJurisdiction: cfg.DefaultJurisdiction,
		MaxCaseBytes:        cfg.MaxCaseBytes,
		JudgeDeadline:       cfg.JudgeDeadline(),
	})
	ok = true
	return a, nil
}

// newOCR finds Tesseract for OCR=auto: nil, and a line in the log, when
// it is not installed (the default image has none) or OCR=off. A
// language of OCR_LANGS without its data stops start-up.
func newOCR(ctx context.Context, cfg *config.Config, log *slog.Logger) (*document.OCR, error) {
	if cfg.OCR == "off" {
		return nil, nil
	}
	ocr, err := document.NewOCR(ctx, document.OCROptions{Langs: cfg.OCRLangs})
	switch {
	case errors.Is(err, document.ErrNoTesseract):
		log.InfoContext(ctx, "OCR is off: tesseract is not installed; scans and photos are kept without text")
		return nil, nil
	case errors.Is(err, document.ErrNoLangData):
		return nil, fmt.Errorf("OCR_LANGS=%q: %w", cfg.OCRLangs, err)
	case err != nil:
		return nil, fmt.Errorf("OCR: %w", err)
	}
	if !ocr.CanRender() {
		log.WarnContext(ctx, "OCR reads images only: pdftoppm (poppler-utils) is not installed, so scanned PDF pages are kept without text")
	}
	log.InfoContext(ctx, "OCR is on", "langs", ocr.Langs())
	return ocr, nil
}

// newJudges returns the court's judge — the one LLM_PROVIDER names, or
// the bench JUDGES seats — and the appellate judge: APPEAL_JUDGE, else
// the bench's second judge, else nil (the judge itself).
func (a *app) newJudges(ctx context.Context, tracer trace.Tracer) (court.Judge, court.Judge, error) {
	l := a.cfg.LLM
	var appellate court.Judge
	if st := a.cfg.Appeal; st != nil {
		j, err := a.newJudge(ctx, tracer, *st, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("APPEAL_JUDGE: %w", err)
		}
		appellate = j
	}
	if len(a.cfg.Judges) == 0 {
		j, err := a.newJudge(ctx, tracer, config.Seat{Provider: l.Provider, Model: l.Model, APIKey: l.APIKey, BaseURL: l.BaseURL}, l.Models)
		return j, appellate, err
	}
	seated := make([]court.Judge, len(a.cfg.Judges))
	for i, st := range a.cfg.Judges {
		j, err := a.newJudge(ctx, tracer, st, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("JUDGES (%s): %w", st.Provider, err)
		}
		seated[i] = j
	}
	b, err := judge.NewBench(seated...)
	if err != nil {
		return nil, nil, fmt.Errorf("JUDGES: %w", err)
	}
	if appellate == nil {
		appellate = seated[1]
	}
	return b, appellate, nil
}

// newJudge returns the judge of one seat; models is its fallback chain.
// With Redis, each provider's requests-per-minute budget is shared by the
// whole fleet.
func (a *app) newJudge(ctx context.Context, tracer trace.Tracer, st config.Seat, models []string) (court.Judge, error) {
	l := a.cfg.LLM
	if st.Provider == "offline" {
		return offline.New(), nil
	}
	temp := l.Temperature
	s := judge.Settings{
		Provider: st.Provider, APIKey: st.APIKey, Model: st.Model, Models: models, BaseURL: st.BaseURL,
		Temperature: &temp, MaxOutputTokens: l.MaxOutputTokens, CallTimeout: l.Timeout,
		MaxConcurrent: l.MaxConcurrent, QueueSize: l.Queue, RequestsPerMinute: l.RequestsPerMin,
		Metrics: a.metrics, Tracer: tracer,
	}
	if a.redis != nil && l.RequestsPerMin > 0 {
		s.Rate = fleetRate{a.limiter, fleetRule(l.RequestsPerMin)}
	}
	j, err := judge.FromSettings(ctx, s, a.log)
	if err != nil {
		return nil, err
	}
	return j, nil
}

// fleetRate paces the judge's provider requests through the shared rate
// limiter, so that twenty replicas together stay under one quota.
type fleetRate struct {
	limiter ratelimit.Limiter
	rule    ratelimit.Rule
}

// fleetRule is the shared limiter's rule for a budget of perMinute
// calls: the limiter allows Limit at once and then one every Window/Limit,
// so Limit is llm.Pace's burst and Window the burst's worth of intervals.
func fleetRule(perMinute int) ratelimit.Rule {
	burst, every := llm.Pace(perMinute)
	return ratelimit.Rule{Limit: burst, Window: every * time.Duration(burst)}
}

func (f fleetRate) Wait(ctx context.Context, key string) error {
	_, err := ratelimit.Wait(ctx, f.limiter, "llm:"+key, f.rule)
	return err
}

// openCache sets up the cache and the rate limiter: in-process, or with
// REDIS_URL two-layer and fleet-wide, sharing one Redis client. Redis
// being down at start is not fatal: both fall back to in-process and
// recover when it returns.
func (a *app) openCache(ctx context.Context) error {
	mem := ratelimit.NewMemory(ctx, ratelimit.MemoryOptions{})
	a.closers = append(a.closers, mem.Close)
	if a.cfg.RedisURL == "" {
		m := cache.NewMemory(cache.MemoryOptions{TTL: a.cfg.CacheTTL, MaxEntries: a.cfg.CacheMaxEntries, OnLookup: a.metrics.CacheLookup})
		a.cache, a.limiter = m, mem
		a.closers = append(a.closers, m.Close)
		return nil
	}
	redis.SetLogger(redisLogger{a.log})
	rdb, err := cache.NewRedisClient(a.cfg.RedisURL, cache.ClientOptions{})
	if err != nil {
		return fmt.Errorf("REDIS_URL: %w", err)
	}
	a.closers = append(a.closers, rdb.Close)
	p := a.cfg.RedisKeyPrefix
	tl := cache.NewTwoLayer(ctx, rdb, cache.RedisOptions{Logger: a.log, OnLookup: a.metrics.CacheLookup,
		Memory: cache.MemoryOptions{TTL: a.cfg.CacheTTL, MaxEntries: a.cfg.CacheMaxEntries},
		Prefix: p + "cache:", Channel: p + "invalidate"})
	rl := ratelimit.NewRedis(ctx, rdb, ratelimit.RedisOptions{Logger: a.log, Fallback: mem, Prefix: p + "ratelimit:"})
	a.closers = append(a.closers, tl.Close, rl.Close)
	a.redis, a.cache, a.limiter = tl, tl, rl
	return nil
}

// redisLogger sends go-redis's own messages (each failed dial, say) to
// the debug log; the cache and the limiter log state changes themselves.
type redisLogger struct{ log *slog.Logger }

func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}
