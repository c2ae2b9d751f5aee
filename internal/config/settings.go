package config

import (
	"errors"
	"flag"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/judge"
)

// A setting is one environment variable. Load, Validate, Dump, Names and
// Help all work from the table of them, (*Config).settings.
type setting struct {
	name string
	// def is the value when the variable is unset or blank, read as a
	// given value would be. derive, when not nil, computes the default
	// instead (def is then empty) from the other settings: get returns a
	// variable's value, or its def when it is unset.
	def    string
	derive func(get func(string) string) string
	// about says the default in Help when def alone does not.
	about  string
	secret bool   // may be given as NAME_FILE; never shown or echoed
	help   string // one line for Help
	// to parses the value into its Config field; nil for a variable that
	// only serves to derive another (REDIS_HOST).
	to flag.Value
	// show is how Dump shows the value, when not as it is.
	show func(string) string
	// provider, when set, limits the setting to that LLM_PROVIDER.
	provider string
	// store marks the settings that choose and open the database, all
	// that LoadStore checks.
	store bool
	// check is what Validate checks of this setting alone; its error
	// follows `NAME="value"`. Validate then checks settings together.
	check func() error
}

// providers are the LLM providers with settings of their own, under the
// prefix GEMINI_, OPENAI_ or ANTHROPIC_.
var providers = []string{"gemini", "openai", "anthropic"}

// offlineModel is the model the offline engine reports.
const offlineModel = "rules-v1"

// settings is the table of settings, bound to c's fields. The LLM's
// defaults are the judge package's own, so that the two cannot disagree.
func (c *Config) settings() []setting {
	l := &c.LLM
	table := []setting{
		{name: "PORT", def: strconv.Itoa(DefaultPort), help: "HTTP port",
			to: bind(&c.Port, whole[int]), check: func() error {
				if c.Port < 0 || c.Port > 65535 {
					return errors.New("is not a port number (0 to 65535)")
				}
				return nil
			}},
		{name: "DATA_DIR", def: "./data", store: true, help: "SQLite database and (by default) documents",
			to: bind(&c.DataDir, text)},
		{name: "LOG_LEVEL", def: "info", help: "debug, info, warn or error; logs are JSON on stdout",
			to: bind(&c.LogLevel, level)},
		{name: "LOG_FORMAT", def: "json", help: "json, or gcp: JSON with severity and message as Cloud Logging reads them",
			to: bind(&c.LogFormat, lower), check: oneOf(&c.LogFormat, "json", "gcp")},
		{name: "DEFAULT_JURISDICTION", def: "INDIA", help: "for filings that name none",
			to: bind(&c.DefaultJurisdiction, jurisdiction), check: func() error {
				if _, err := court.ParseJurisdiction(string(c.DefaultJurisdiction), court.India); err != nil {
					return errors.New("is not one of INDIA, USA, UK, CANADA, AUSTRALIA, INTERNATIONAL")
				}
				return nil
			}},
		{name: "MAX_FILE_SIZE", def: strconv.Itoa(10 << 20), help: "bytes per document",
			to: bind(&c.MaxFileSize, whole[int64]), check: positive(&c.MaxFileSize, "must be a positive number of bytes")},
		{name: "MAX_CASE_BYTES", def: strconv.Itoa(100 << 20), help: "bytes of all documents of one case, at least MAX_FILE_SIZE",
			to: bind(&c.MaxCaseBytes, whole[int64])},
		{name: "UPLOAD_MEMORY", def: strconv.Itoa(256 << 20), help: "bytes the filings and uploads being read may hold at once; more wait up to 5 s, then get 503",
			to: bind(&c.UploadMemory, whole[int64]), check: positive(&c.UploadMemory, "must be a positive number of bytes")},
		{name: "OCR", def: "auto", help: "auto: read scanned PDF pages and photos with Tesseract when it is installed; off: keep them without text",
			to: bind(&c.OCR, lower), check: oneOf(&c.OCR, "auto", "off")},
		{name: "OCR_LANGS", def: "eng+hin", help: "Tesseract's languages for OCR, joined by + (each needs its data: tesseract-ocr-hin for hin)",
			to: bind(&c.OCRLangs, lower), check: func() error {
				if !document.ValidLangs(c.OCRLangs) {
					return errors.New("is not a list of Tesseract language codes (letters and _) joined by +, such as eng+hin")
				}
				return nil
			}},
		{name: "CORS_ORIGIN", help: "comma-separated browser origins allowed to call the API (* for any)",
			to: bind(&c.CORSOrigins, list)},
		{name: "AUTH_MODE", def: "accounts", help: "accounts (logins and case membership) or open (single user, no accounts)",
			to: bind(&c.AuthMode, lower), check: oneOf(&c.AuthMode, "accounts", "open")},
		{name: "JWT_TTL", def: "15m", help: "lifetime of a bearer token",
			to: bind(&c.JWTTTL, duration), check: positive(&c.JWTTTL, "must be a positive duration")},
		{name: "SESSION_TTL", def: "168h", help: "lifetime of a login session (the cookie)",
			to: bind(&c.SessionTTL, duration), check: positive(&c.SessionTTL, "must be a positive duration")},
		{name: "INVITE_TTL", def: "168h", help: "lifetime of an invitation",
			to: bind(&c.InviteTTL, duration), check: positive(&c.InviteTTL, "must be a positive duration")},
		{name: "SHUTDOWN_TIMEOUT", def: "25s", help: "how long in-flight requests may take to finish on SIGTERM",
			to: bind(&c.ShutdownTimeout, duration)},
		{name: "RATE_LIMIT_WINDOW_MS", def: strconv.Itoa(15 * 60 * 1000), help: "rate-limit window in milliseconds",
			to: millis{&c.RateLimitWindow}, check: positive(&c.RateLimitWindow, "must be positive")},
		{name: "RATE_LIMIT_MAX_REQUESTS", def: "1000", help: "/api requests per client address and window",
			to: bind(&c.RateLimitMax, whole[int]), check: positive(&c.RateLimitMax, "must be positive")},
		{name: "JUDGE_RATE_LIMIT_MAX_REQUESTS", def: "100", help: "of which requests that may call the judge",
			to: bind(&c.JudgeRateLimitMax, whole[int]), check: positive(&c.JudgeRateLimitMax, "must be positive")},
		{name: "TRUST_PROXY_HEADERS", def: "false", help: "take the client address from X-Forwarded-For (behind a load balancer)",
			to: bind(&c.TrustProxyHeaders, boolean)},
		{name: "TRUSTED_PROXIES", about: "loopback and the private networks", help: "with TRUST_PROXY_HEADERS: comma-separated CIDRs of the proxies whose X-Forwarded-For is believed",
			derive: func(func(string) string) string {
				return "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7"
			},
			to: bind(&c.TrustedProxies, prefixes)},
		{name: "TRUSTED_PROXY_HOPS", def: "1", help: "with TRUST_PROXY_HEADERS: proxies that append to X-Forwarded-For (2 for a CDN in front of a load balancer)",
			to: bind(&c.TrustedProxyHops, whole[int]), check: positive(&c.TrustedProxyHops, "must be 1 or more")},
		{name: "HOST", def: "localhost", help: "the address to listen on: localhost serves this machine only (127.0.0.1 and ::1), 0.0.0.0 every interface",
			to: bind(&c.Host, lower), check: func() error {
				if c.Host != "localhost" && net.ParseIP(strings.Trim(c.Host, "[]")) == nil {
					return errors.New("is not localhost or an IP address such as 127.0.0.1 or 0.0.0.0")
				}
				return nil
			}},
		{name: "METRICS_ADDR", def: DefaultMetricsAddr, help: "host:port of the listener of its own for GET /metrics, never the application's port (0.0.0.0:9090 for a Prometheus in the cluster), or off",
			to: bind(&c.MetricsAddr, metricsAddr), check: func() error {
				if _, port, err := net.SplitHostPort(c.MetricsAddr); c.MetricsAddr != "" && (err != nil || port == "") {
					return errors.New("is not a host:port such as 127.0.0.1:9090, or off")
				}
				return nil
			}},
		{name: "HEALTH_DETAILS", def: "false", help: "add the version and the judge's provider and model to GET /health",
			to: bind(&c.HealthDetails, boolean)},
		{name: "PUBLIC_URL", help: "the service's address as users reach it (https://judge.example.org), for invitation links; required with accounts behind a proxy",
			to: bind(&c.PublicURL, text), check: func() error {
				u, err := url.Parse(c.PublicURL)
				if c.PublicURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "") {
					return errors.New("is not an http:// or https:// URL such as https://judge.example.org")
				}
				return nil
			}},
		{name: "DATABASE_URL", secret: true, store: true, about: "SQLite under DATA_DIR", help: "postgres://… to use PostgreSQL",
			to: bind(&c.DatabaseURL, text), check: c.checkDatabaseURL},
		{name: "DB_MAX_CONNS", def: "20", store: true, help: "PostgreSQL pool size",
			to: bind(&c.DBMaxConns, whole[int32])},
		{name: "DB_STATEMENT_TIMEOUT", def: "10s", store: true, help: "PostgreSQL statement timeout",
			to: bind(&c.DBStatementTimeout, duration)},
		{name: "AUTO_MIGRATE", store: true, about: "true with SQLite, false with PostgreSQL", help: "apply migrations at start; otherwise run aijudge migrate",
			derive: func(get func(string) string) string { return strconv.FormatBool(get("DATABASE_URL") == "") },
			to:     bind(&c.AutoMigrate, boolean)},
		{name: "REDIS_URL", secret: true, about: "from REDIS_HOST, REDIS_PORT and REDIS_PASSWORD when REDIS_HOST is set",
			help:   "redis://, rediss://, redis+cluster:// or redis+sentinel://: the shared cache and rate limits",
			derive: redisURL, to: bind(&c.RedisURL, text), check: func() error {
				if u, err := url.Parse(c.RedisURL); c.RedisURL != "" && (err != nil || !strings.HasPrefix(u.Scheme, "redis")) {
					return errors.New("is not a redis:// or rediss:// URL")
				}
				return nil
			}},
		{name: "REDIS_HOST", help: "instead of REDIS_URL: the Redis host"},
		{name: "REDIS_PORT", def: "6379", help: "with REDIS_HOST: the Redis port"},
		{name: "REDIS_PASSWORD", secret: true, help: "with REDIS_HOST: the Redis password"},
		{name: "CACHE_TTL", def: "5m", help: "how long a replica keeps an entry in its in-process cache",
			to: bind(&c.CacheTTL, duration), check: positive(&c.CacheTTL, "must be a positive duration")},
		{name: "CACHE_MAX_ENTRIES", def: "100", help: "entries a replica keeps in its in-process cache (within 64 MiB)",
			to: bind(&c.CacheMaxEntries, whole[int]), check: positive(&c.CacheMaxEntries, "must be a positive number")},
		{name: "REDIS_KEY_PREFIX", def: "aijudge:", help: "starts every Redis key and channel, so deployments can share one Redis",
			to: bind(&c.RedisKeyPrefix, text)},
		{name: "BLOB_URL", about: "file://$DATA_DIR/documents", help: "where originals are kept: file:///…, s3://bucket?…",
			to: bind(&c.BlobURL, text), show: scheme, check: func() error {
				if u, err := url.Parse(c.BlobURL); c.BlobURL != "" && (err != nil || u.Scheme == "") {
					return errors.New("is not a URL such as file:///var/lib/aijudge or s3://bucket")
				}
				return nil
			}},
		{name: "JWT_SECRET", secret: true, about: "generated in $DATA_DIR/jwt-secret with SQLite",
			help: "signs bearer tokens (32+ characters); required with DATABASE_URL in accounts mode",
			to:   bind(&c.JWTSecret, text), check: func() error {
				if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
					return errors.New("must be at least 32 characters long")
				}
				return nil
			}},
		{name: "LLM_PROVIDER", about: "gemini if GEMINI_API_KEY is set, else offline", help: "offline, gemini, openai or anthropic",
			derive: func(get func(string) string) string {
				if get("GEMINI_API_KEY") != "" {
					return "gemini"
				}
				return "offline"
			},
			to: bind(&l.Provider, lower), check: oneOf(&l.Provider, append([]string{"offline"}, providers...)...)},
		{name: "LLM_TEMPERATURE", def: strconv.FormatFloat(judge.DefaultTemperature, 'g', -1, 64), help: "sampling temperature, 0 to 2",
			to: bind(&l.Temperature, number), check: func() error {
				if l.Temperature < 0 || l.Temperature > 2 {
					return errors.New("must be between 0 and 2")
				}
				return nil
			}},
		{name: "LLM_MAX_OUTPUT_TOKENS", def: strconv.Itoa(judge.DefaultMaxOutputTokens), help: "output tokens per call",
			to: bind(&l.MaxOutputTokens, whole[int])},
		{name: "LLM_TIMEOUT", def: judge.DefaultCallTimeout.String(), help: "bound on one provider request",
			to: bind(&l.Timeout, duration)},
		{name: "LLM_MAX_CONCURRENT", def: strconv.Itoa(judge.DefaultMaxConcurrent), help: "judge calls in flight per process",
			to: bind(&l.MaxConcurrent, whole[int])},
		{name: "LLM_QUEUE", def: strconv.Itoa(judge.DefaultQueueSize), help: "judge calls that may wait beyond those; more get 429",
			to: bind(&l.Queue, whole[int])},
		{name: "LLM_REQUESTS_PER_MINUTE", def: strconv.Itoa(judge.DefaultRequestsPerMinute), help: "provider requests per minute, fleet-wide with Redis; negative: unlimited",
			to: bind(&l.RequestsPerMin, whole[int])},
		{name: "BIAS_CHECK", def: "off", help: "swap: write each tentative judgment again with the sides exchanged and warn when it flips; off",
			to: bind(&c.BiasCheck, lower), check: oneOf(&c.BiasCheck, "off", "swap")},
		{name: "JUDGES", help: "a bench: comma-separated provider[:model] (offline, gemini, openai, anthropic), each with its provider's key and base URL; empty: the one judge of LLM_PROVIDER",
			to: bind(&c.judges, list)},
		{name: "APPEAL_JUDGE", about: "the bench's second judge, else the judge itself", help: "provider[:model] that hears appeals from final verdicts",
			to: bind(&c.appealJudge, text)},
	}
	for _, p := range providers {
		up := strings.ToUpper(p)
		table = append(table,
			setting{name: up + "_API_KEY", secret: true, provider: p, help: "the provider's API key",
				to: bind(&l.APIKey, text)},
			setting{name: up + "_MODEL", provider: p, about: "the first of " + up + "_MODELS, else " + judge.DefaultModel(p), help: "the model",
				derive: func(get func(string) string) string {
					if chain, _ := list(get(up + "_MODELS")); len(chain) > 0 {
						return chain[0]
					}
					return judge.DefaultModel(p)
				},
				to: bind(&l.Model, text)},
			setting{name: up + "_MODELS", provider: p, help: "fallback models, comma-separated",
				to: bind(&l.Models, list)},
			setting{name: up + "_BASE_URL", provider: p, about: "the provider's", help: "another endpoint: a proxy or a compatible server",
				to: bind(&l.BaseURL, text)},
		)
	}
	return table
}

// redisURL derives REDIS_URL from REDIS_HOST, REDIS_PORT and
// REDIS_PASSWORD.
func redisURL(get func(string) string) string {
	host := get("REDIS_HOST")
	if host == "" {
		return ""
	}
	u := url.URL{Scheme: "redis", Host: host + ":" + get("REDIS_PORT")}
	if p := get("REDIS_PASSWORD"); p != "" {
		u.User = url.UserPassword("", p)
	}
	return u.String()
}

// scheme shows a URL as its scheme only, keeping the bucket and endpoint
// out of the logs.
func scheme(u string) string {
	if i := strings.Index(u, "://"); i > 0 {
		return u[:i+3] + "…"
	}
	return u
}

func (c *Config) checkDatabaseURL() error {
	if c.DatabaseURL == "" {
		return nil
	}
	u, err := url.Parse(c.DatabaseURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return errors.New("is not a postgres:// URL")
	}
	return nil
}

func positive[T int | int64 | time.Duration](p *T, problem string) func() error {
	return func() error {
		if *p <= 0 {
			return errors.New(problem)
		}
		return nil
	}
}

func oneOf(p *string, values ...string) func() error {
	return func() error {
		if !slices.Contains(values, *p) {
			return errors.New("is not one of " + strings.Join(values, ", "))
		}
		return nil
	}
}
