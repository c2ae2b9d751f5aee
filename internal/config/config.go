// Package config reads the service's settings from the environment into
// one Config that is validated at start-up and passed down; nothing reads
// the environment anywhere else. Every secret NAME may instead be given as
// NAME_FILE, a path whose contents are the secret (Kubernetes and External
// Secrets Operator mount secrets as files).
package config

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// Config is every setting of the service.
type Config struct {
	Port                int
	DataDir             string
	LogLevel            slog.Level
	DefaultJurisdiction court.Jurisdiction
	MaxFileSize         int64
	MaxCaseBytes        int64 // all documents of one case together
	CORSOrigins         []string
	AuthMode            string // "accounts" (the default) or "open"
	ShutdownTimeout     time.Duration
	// JWTTTL bounds a bearer token's life; SessionTTL a login's (the
	// cookie's); InviteTTL an invitation's.
	JWTTTL     time.Duration
	SessionTTL time.Duration
	InviteTTL  time.Duration

	// Rate limits per client on /api; the endpoints that call the judge
	// have their own, stricter limit.
	RateLimitWindow    time.Duration
	RateLimitMax       int
	JudgeRateLimitMax  int
	TrustProxyHeaders  bool
	DatabaseURL        string // secret: it may hold a password
	AutoMigrate        bool
	DBMaxConns         int32
	DBStatementTimeout time.Duration
	RedisURL           string // secret
	RedisKeyPrefix     string // starts every Redis key and channel: deployments may share a Redis
	BlobURL            string
	JWTSecret          string // secret

	LLM LLM
}

// LLM is the judge's configuration.
type LLM struct {
	Provider        string // offline, gemini, openai, anthropic
	APIKey          string // secret: the chosen provider's key
	Model           string
	Models          []string // fallback chain, Model first
	BaseURL         string
	Temperature     float64
	MaxOutputTokens int
	Timeout         time.Duration
	MaxConcurrent   int
	Queue           int
	RequestsPerMin  int
}

// secrets are the settings that may be given as NAME_FILE and are masked
// in every dump.
var secrets = []string{"DATABASE_URL", "REDIS_URL", "REDIS_PASSWORD", "JWT_SECRET", "GEMINI_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"}

// DefaultPort is the port the server listens on when PORT is not set.
const DefaultPort = 3001

// Load reads the settings through getenv (os.Getenv in production) and
// validates them. The error names the setting that is wrong.
func Load(getenv func(string) string) (*Config, error) {
	c, err := read(getenv)
	if err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// LoadStore reads the settings as Load does but checks only those that
// choose and open the database, for the commands that use nothing else
// (migrate, audit verify): a migration job needs no LLM key or JWT secret.
func LoadStore(getenv func(string) string) (*Config, error) {
	c, err := read(getenv)
	if err != nil {
		return nil, err
	}
	if err := c.validateStore(); err != nil {
		return nil, err
	}
	return c, nil
}

// read reads every setting; a value that does not parse is an error.
func read(getenv func(string) string) (*Config, error) {
	r := reader{getenv: getenv}
	c := &Config{
		Port:                r.int("PORT", DefaultPort),
		DataDir:             r.str("DATA_DIR", "./data"),
		LogLevel:            r.level("LOG_LEVEL", slog.LevelInfo),
		DefaultJurisdiction: court.Jurisdiction(strings.ToUpper(r.str("DEFAULT_JURISDICTION", "INDIA"))),
		MaxFileSize:         int64(r.int("MAX_FILE_SIZE", 10<<20)),
		MaxCaseBytes:        int64(r.int("MAX_CASE_BYTES", 100<<20)),
		CORSOrigins:         r.list("CORS_ORIGIN"),
		AuthMode:            strings.ToLower(r.str("AUTH_MODE", "accounts")),
		JWTTTL:              r.duration("JWT_TTL", 15*time.Minute),
		SessionTTL:          r.duration("SESSION_TTL", 7*24*time.Hour),
		InviteTTL:           r.duration("INVITE_TTL", 7*24*time.Hour),
		ShutdownTimeout:     r.duration("SHUTDOWN_TIMEOUT", 25*time.Second),
		RateLimitWindow:     time.Duration(r.int("RATE_LIMIT_WINDOW_MS", 15*60*1000)) * time.Millisecond,
		RateLimitMax:        r.int("RATE_LIMIT_MAX_REQUESTS", 1000),
		JudgeRateLimitMax:   r.int("JUDGE_RATE_LIMIT_MAX_REQUESTS", 100),
		TrustProxyHeaders:   r.bool("TRUST_PROXY_HEADERS", false),
		DatabaseURL:         r.secret("DATABASE_URL"),
		DBMaxConns:          int32(r.int("DB_MAX_CONNS", 20)),
		DBStatementTimeout:  r.duration("DB_STATEMENT_TIMEOUT", 10*time.Second),
		RedisURL:            r.redisURL(),
		RedisKeyPrefix:      r.str("REDIS_KEY_PREFIX", "aijudge:"),
		BlobURL:             r.str("BLOB_URL", ""),
		JWTSecret:           r.secret("JWT_SECRET"),
	}
	c.AutoMigrate = r.bool("AUTO_MIGRATE", c.DatabaseURL == "")
	c.LLM = r.llm()
	if r.err != nil {
		return nil, r.err
	}
	return c, nil
}

// validateStore checks the database settings.
func (c *Config) validateStore() error {
	if c.DatabaseURL != "" {
		u, err := url.Parse(c.DatabaseURL)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return fmt.Errorf("DATABASE_URL is not a postgres:// URL")
		}
	}
	return nil
}

// Validate checks the settings together.
func (c *Config) Validate() error {
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("PORT=%d is not a port number (0 to 65535)", c.Port)
	}
	if _, err := court.ParseJurisdiction(string(c.DefaultJurisdiction), court.India); err != nil {
		return fmt.Errorf("DEFAULT_JURISDICTION=%q is not one of INDIA, USA, UK, CANADA, AUSTRALIA, INTERNATIONAL", c.DefaultJurisdiction)
	}
	if c.MaxFileSize <= 0 {
		return fmt.Errorf("MAX_FILE_SIZE must be a positive number of bytes")
	}
	if c.MaxCaseBytes < c.MaxFileSize {
		return fmt.Errorf("MAX_CASE_BYTES must be at least MAX_FILE_SIZE")
	}
	if c.AuthMode != "accounts" && c.AuthMode != "open" {
		return fmt.Errorf("AUTH_MODE=%q is not one of accounts, open", c.AuthMode)
	}
	if c.JWTTTL <= 0 || c.SessionTTL <= 0 || c.InviteTTL <= 0 {
		return fmt.Errorf("JWT_TTL, SESSION_TTL and INVITE_TTL must be positive durations")
	}
	if c.RateLimitWindow <= 0 || c.RateLimitMax <= 0 || c.JudgeRateLimitMax <= 0 {
		return fmt.Errorf("RATE_LIMIT_WINDOW_MS, RATE_LIMIT_MAX_REQUESTS and JUDGE_RATE_LIMIT_MAX_REQUESTS must be positive")
	}
	if err := c.validateStore(); err != nil {
		return err
	}
	// With SQLite the secret is generated once under DATA_DIR; replicas
	// sharing PostgreSQL must share the secret too, so it must be given.
	if c.AuthMode == "accounts" && c.DatabaseURL != "" && c.JWTSecret == "" {
		return fmt.Errorf("JWT_SECRET (or JWT_SECRET_FILE) is required with AUTH_MODE=accounts and DATABASE_URL; generate one with `openssl rand -hex 32`")
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		return fmt.Errorf("JWT_SECRET must be at least 32 characters long")
	}
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || !strings.HasPrefix(u.Scheme, "redis") && u.Scheme != "rediss" {
			return fmt.Errorf("REDIS_URL is not a redis:// or rediss:// URL")
		}
	}
	if c.BlobURL != "" {
		u, err := url.Parse(c.BlobURL)
		if err != nil || u.Scheme == "" {
			return fmt.Errorf("BLOB_URL=%q is not a URL such as file:///var/lib/aijudge or s3://bucket", c.BlobURL)
		}
	}
	switch c.LLM.Provider {
	case "offline":
	case "gemini", "openai", "anthropic":
		if c.LLM.APIKey == "" && !(c.LLM.Provider == "openai" && c.LLM.BaseURL != "") {
			return fmt.Errorf("LLM_PROVIDER=%s needs %s_API_KEY (or %s_API_KEY_FILE)", c.LLM.Provider, strings.ToUpper(c.LLM.Provider), strings.ToUpper(c.LLM.Provider))
		}
	default:
		return fmt.Errorf("LLM_PROVIDER=%q is not one of offline, gemini, openai, anthropic", c.LLM.Provider)
	}
	if c.LLM.Temperature < 0 || c.LLM.Temperature > 2 {
		return fmt.Errorf("LLM_TEMPERATURE must be between 0 and 2")
	}
	return nil
}

// Dump lists the effective settings for the start-up log, with every
// secret masked.
func (c *Config) Dump() []any {
	mask := func(s string) string {
		if s == "" {
			return ""
		}
		return "********"
	}
	return []any{
		"port", c.Port, "data_dir", c.DataDir, "log_level", c.LogLevel.String(),
		"default_jurisdiction", c.DefaultJurisdiction, "max_file_size", c.MaxFileSize,
		"cors_origins", strings.Join(c.CORSOrigins, ","), "auth_mode", c.AuthMode, "jwt_secret", mask(c.JWTSecret),
		"rate_limit", fmt.Sprintf("%d/%s (judge %d)", c.RateLimitMax, c.RateLimitWindow, c.JudgeRateLimitMax),
		"database", dbKind(c.DatabaseURL), "database_url", mask(c.DatabaseURL), "auto_migrate", c.AutoMigrate,
		"redis_url", mask(c.RedisURL), "blob_url", blobScheme(c.BlobURL),
		"llm_provider", c.LLM.Provider, "llm_model", c.LLM.Model, "llm_api_key", mask(c.LLM.APIKey),
	}
}

func dbKind(u string) string {
	if u == "" {
		return "sqlite"
	}
	return "postgres"
}

func blobScheme(u string) string {
	if i := strings.Index(u, "://"); i > 0 {
		return u[:i+3] + "…"
	}
	return u
}

// reader reads settings, remembering the first error.
type reader struct {
	getenv func(string) string
	err    error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

func (r *reader) int(name string, def int) int {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		r.fail("%s=%q is not a whole number", name, v)
		return def
	}
	return n
}

func (r *reader) float(name string, def float64) float64 {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		r.fail("%s=%q is not a number", name, v)
		return def
	}
	return f
}

func (r *reader) bool(name string, def bool) bool {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail("%s=%q is not true or false", name, v)
		return def
	}
	return b
}

// duration accepts Go durations ("30s") and plain seconds ("30").
func (r *reader) duration(name string, def time.Duration) time.Duration {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		r.fail("%s=%q is not a duration such as 30s or 2m", name, v)
		return def
	}
	return d
}

func (r *reader) list(name string) []string {
	var out []string
	for _, s := range strings.Split(r.str(name, ""), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (r *reader) level(name string, def slog.Level) slog.Level {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(v)); err != nil {
		r.fail("%s=%q is not one of debug, info, warn, error", name, v)
		return def
	}
	return l
}

// secret reads NAME, or the file named by NAME_FILE. Giving both is an
// error, because which one wins would be a guess.
func (r *reader) secret(name string) string {
	v, path := r.getenv(name), strings.TrimSpace(r.getenv(name+"_FILE"))
	if path == "" {
		return strings.TrimSpace(v)
	}
	if v != "" {
		r.fail("%s and %s_FILE are both set; set one", name, name)
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		r.fail("%s_FILE=%q cannot be read", name, path)
		return ""
	}
	return strings.TrimSpace(string(b))
}

// redisURL takes REDIS_URL, or builds one from REDIS_HOST, REDIS_PORT and
// REDIS_PASSWORD.
func (r *reader) redisURL() string {
	if u := r.secret("REDIS_URL"); u != "" {
		return u
	}
	host := r.str("REDIS_HOST", "")
	if host == "" {
		return ""
	}
	u := url.URL{Scheme: "redis", Host: host + ":" + r.str("REDIS_PORT", "6379")}
	if p := r.secret("REDIS_PASSWORD"); p != "" {
		u.User = url.UserPassword("", p)
	}
	return u.String()
}

// llm reads the judge's settings. Without LLM_PROVIDER the judge is Gemini
// when GEMINI_API_KEY is set, and the offline engine otherwise.
func (r *reader) llm() LLM {
	p := strings.ToLower(r.str("LLM_PROVIDER", ""))
	keys := map[string]string{}
	for _, n := range []string{"gemini", "openai", "anthropic"} {
		keys[n] = r.secret(strings.ToUpper(n) + "_API_KEY")
	}
	if p == "" {
		p = "offline"
		if keys["gemini"] != "" {
			p = "gemini"
		}
	}
	l := LLM{
		Provider:        p,
		Temperature:     r.float("LLM_TEMPERATURE", 0.2),
		MaxOutputTokens: r.int("LLM_MAX_OUTPUT_TOKENS", 8192),
		Timeout:         r.duration("LLM_TIMEOUT", 90*time.Second),
		MaxConcurrent:   r.int("LLM_MAX_CONCURRENT", 16),
		Queue:           r.int("LLM_QUEUE", 64),
		RequestsPerMin:  r.int("LLM_REQUESTS_PER_MINUTE", 60),
	}
	defaults := map[string]string{"gemini": "gemini-2.5-flash", "openai": "gpt-4o-mini", "anthropic": "claude-sonnet-4-5", "offline": "rules-v1"}
	if p == "offline" {
		l.Model = defaults[p]
		return l
	}
	up := strings.ToUpper(p)
	l.APIKey = keys[p]
	l.BaseURL = r.str(up+"_BASE_URL", "")
	l.Models = r.list(up + "_MODELS")
	l.Model = r.str(up+"_MODEL", "")
	switch {
	case l.Model == "" && len(l.Models) > 0:
		l.Model = l.Models[0]
	case l.Model == "":
		l.Model = defaults[p]
	}
	if len(l.Models) == 0 || l.Models[0] != l.Model {
		l.Models = append([]string{l.Model}, l.Models...)
	}
	return l
}

// Names lists every setting the service reads, for --help.
func Names() []string {
	n := []string{"PORT", "DATA_DIR", "LOG_LEVEL", "DEFAULT_JURISDICTION", "MAX_FILE_SIZE", "MAX_CASE_BYTES", "CORS_ORIGIN",
		"AUTH_MODE", "JWT_TTL", "SESSION_TTL", "INVITE_TTL", "SHUTDOWN_TIMEOUT", "RATE_LIMIT_WINDOW_MS", "RATE_LIMIT_MAX_REQUESTS", "JUDGE_RATE_LIMIT_MAX_REQUESTS",
		"TRUST_PROXY_HEADERS", "AUTO_MIGRATE", "DB_MAX_CONNS", "DB_STATEMENT_TIMEOUT", "BLOB_URL", "REDIS_HOST", "REDIS_PORT", "REDIS_KEY_PREFIX",
		"LLM_PROVIDER", "LLM_TEMPERATURE", "LLM_MAX_OUTPUT_TOKENS", "LLM_TIMEOUT", "LLM_MAX_CONCURRENT", "LLM_QUEUE", "LLM_REQUESTS_PER_MINUTE"}
	for _, p := range []string{"GEMINI", "OPENAI", "ANTHROPIC"} {
		n = append(n, p+"_MODEL", p+"_MODELS", p+"_BASE_URL")
	}
	for _, s := range secrets {
		n = append(n, s, s+"_FILE")
	}
	sort.Strings(n)
	return n
}
