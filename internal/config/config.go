// Package config reads the service's settings from the environment into
// one Config that is validated at start-up and passed down; nothing reads
// the environment anywhere else. Every setting is a row of one table
// (settings.go) with its default, whether it is a secret, its parser, its
// check and a line of help; loading, validation, the masked dump and the
// --help text all come from it. Every secret NAME may instead be given as
// NAME_FILE, a path whose contents are the secret (Kubernetes and External
// Secrets Operator mount secrets as files).
package config

import (
	"cmp"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/judge"
)

// Config is every setting of the service.
type Config struct {
	Port                int
	DataDir             string
	LogLevel            slog.Level
	LogFormat           string // "json" or "gcp"
	DefaultJurisdiction court.Jurisdiction
	MaxFileSize         int64
	MaxCaseBytes        int64 // all documents of one case together
	UploadMemory        int64 // bodies of filings and uploads held at once, process-wide
	// OCR is "auto" (recognise scans and photos when Tesseract is
	// installed) or "off"; OCRLangs are Tesseract's languages ("eng+hin").
	OCR             string
	OCRLangs        string
	CORSOrigins     []string
	AuthMode        string // "accounts" (the default) or "open"
	ShutdownTimeout time.Duration
	// JWTTTL bounds a bearer token's life; SessionTTL a login's (the
	// cookie's); InviteTTL an invitation's.
	JWTTTL     time.Duration
	SessionTTL time.Duration
	InviteTTL  time.Duration

	// Rate limits per client on /api; the endpoints that call the judge
	// have their own, stricter limit.
	RateLimitWindow   time.Duration
	RateLimitMax      int
	JudgeRateLimitMax int
	TrustProxyHeaders bool
	// TrustedProxies are the peers whose forwarding headers are believed
	// with TrustProxyHeaders; TrustedProxyHops how many proxies append to
	// X-Forwarded-For.
	TrustedProxies   []netip.Prefix
	TrustedProxyHops int
	// Host is the address the server listens on, "localhost" for both
	// loopback addresses (127.0.0.1 and ::1); PublicURL the service's own
	// address, for links it sends out (invitations).
	Host      string
	PublicURL string
	// MetricsAddr is the listener of its own that serves /metrics, which
	// the application's port never does; empty (METRICS_ADDR=off) serves
	// them nowhere.
	MetricsAddr string
	// HealthDetails adds the version and the judge's model to /health.
	HealthDetails      bool
	DatabaseURL        string // secret: it may hold a password
	AutoMigrate        bool
	DBMaxConns         int32
	DBStatementTimeout time.Duration
	RedisURL           string // secret
	RedisKeyPrefix     string // starts every Redis key and channel: deployments may share a Redis
	BlobURL            string
	JWTSecret          string // secret
	// The in-process cache layer: how long an entry is kept and how many.
	CacheTTL        time.Duration
	CacheMaxEntries int

	LLM LLM

	// SecretFiles are the NAME_FILE=path settings the secrets were read
	// from, for the start-up check of their permissions.
	SecretFiles []string
	// BiasCheck is "swap" to write every tentative judgment again with
	// the sides exchanged and compare, or "off".
	BiasCheck string
	// Judges seats a bench (JUDGES); empty means the single judge of
	// LLM_PROVIDER. Appeal is the judge who hears appeals (APPEAL_JUDGE);
	// nil means the bench's second judge, or the judge itself.
	Judges []Seat
	Appeal *Seat
	// As given, parsed into Judges and Appeal once every setting is read.
	judges      []string
	appealJudge string
}

// Seat is one judge of a bench or of appeal: a provider and its model,
// with the key and endpoint of that provider's own settings.
type Seat struct {
	Provider, Model string
	APIKey          string // secret
	BaseURL         string
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

// DefaultPort is the port the server listens on when PORT is not set.
const DefaultPort = 3001

// DefaultMetricsAddr is where /metrics is served when METRICS_ADDR is not
// set: this machine only, apart from the port users reach.
const DefaultMetricsAddr = "127.0.0.1:9090"

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
	if err := c.validate(func(s *setting) bool { return s.store }); err != nil {
		return nil, err
	}
	return c, nil
}

// read reads every setting of the table; a value that does not parse is
// an error. Every variable is looked up first, so that a default may be
// derived from the others as given.
func read(getenv func(string) string) (*Config, error) {
	c := &Config{}
	table := c.settings()
	given := make(map[string]string, len(table))
	failed := make(map[string]error)
	for i := range table {
		s := &table[i]
		v, err := lookup(getenv, s)
		if err != nil {
			failed[s.name] = err
		}
		if s.secret && err == nil {
			if path := strings.TrimSpace(getenv(s.name + "_FILE")); path != "" {
				c.SecretFiles = append(c.SecretFiles, s.name+"_FILE="+path)
			}
		}
		given[s.name] = cmp.Or(v, s.def)
	}
	get := func(name string) string { return given[name] }
	for i := range table {
		s := &table[i]
		if err := failed[s.name]; err != nil {
			return nil, err
		}
		if s.to == nil || !s.applies(c) {
			continue
		}
		v := given[s.name]
		if v == "" && s.derive != nil {
			v = s.derive(get)
		}
		if v == "" {
			continue
		}
		if err := s.to.Set(v); err != nil {
			return nil, s.errorf(v, err)
		}
	}
	c.LLM.finish()
	if err := c.seat(given); err != nil {
		return nil, err
	}
	return c, nil
}

// seat parses JUDGES and APPEAL_JUDGE: each judge is provider[:model],
// and takes its provider's key and endpoint from the settings as given.
func (c *Config) seat(given map[string]string) error {
	parse := func(name, v string) (Seat, error) {
		p, model, _ := strings.Cut(strings.TrimSpace(v), ":")
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "offline" {
			return Seat{Provider: p, Model: offlineModel}, nil
		}
		if !slices.Contains(providers, p) {
			return Seat{}, fmt.Errorf("%s: %q names no provider; use offline, %s", name, p, strings.Join(providers, ", "))
		}
		up := strings.ToUpper(p)
		st := Seat{Provider: p, Model: cmp.Or(strings.TrimSpace(model), judge.DefaultModel(p)), APIKey: given[up+"_API_KEY"], BaseURL: given[up+"_BASE_URL"]}
		if st.APIKey == "" && !(p == "openai" && st.BaseURL != "") {
			return Seat{}, fmt.Errorf("%s names %s, which needs %s_API_KEY (or %s_API_KEY_FILE)", name, p, up, up)
		}
		return st, nil
	}
	for _, v := range c.judges {
		st, err := parse("JUDGES", v)
		if err != nil {
			return err
		}
		c.Judges = append(c.Judges, st)
	}
	if len(c.Judges) == 1 {
		return fmt.Errorf("JUDGES seats a bench of at least two judges; for one, set LLM_PROVIDER")
	}
	if c.appealJudge != "" {
		st, err := parse("APPEAL_JUDGE", c.appealJudge)
		if err != nil {
			return err
		}
		c.Appeal = &st
	}
	return nil
}

// finish completes what no single setting says: the offline engine has a
// model of its own, and a provider's fallback chain starts with its model.
func (l *LLM) finish() {
	if l.Provider == "offline" {
		l.Model = offlineModel
		return
	}
	if len(l.Models) == 0 || l.Models[0] != l.Model {
		l.Models = append([]string{l.Model}, l.Models...)
	}
}

// applies reports whether s is in effect for c: a provider's own settings
// are only for that provider.
func (s *setting) applies(c *Config) bool {
	return s.provider == "" || s.provider == c.LLM.Provider
}

// errorf is the one-line error about the value v of s, naming s. A
// secret's value is never echoed.
func (s *setting) errorf(v string, problem error) error {
	if s.secret {
		return fmt.Errorf("%s %v", s.name, problem)
	}
	return fmt.Errorf("%s=%q %v", s.name, v, problem)
}

// Validate checks each setting, then the settings together.
func (c *Config) Validate() error {
	if err := c.validate(func(*setting) bool { return true }); err != nil {
		return err
	}
	if c.MaxCaseBytes < c.MaxFileSize {
		return fmt.Errorf("MAX_CASE_BYTES must be at least MAX_FILE_SIZE")
	}
	// With SQLite the secret is generated once under DATA_DIR; replicas
	// sharing PostgreSQL must share the secret too, so it must be given.
	if c.AuthMode == "accounts" && c.DatabaseURL != "" && c.JWTSecret == "" {
		return fmt.Errorf("JWT_SECRET (or JWT_SECRET_FILE) is required with AUTH_MODE=accounts and DATABASE_URL; generate one with `openssl rand -hex 32`")
	}
	// Behind a proxy the address users reach is not the one served, and
	// the request's Host header, which anyone sets, is never used.
	if c.AuthMode == "accounts" && c.TrustProxyHeaders && c.PublicURL == "" {
		return fmt.Errorf("PUBLIC_URL is required with AUTH_MODE=accounts behind a proxy (TRUST_PROXY_HEADERS=true): set it to the address users reach, such as https://judge.example.org, for invitation links")
	}
	// An OpenAI-compatible local server (OPENAI_BASE_URL) may need no key.
	if p := c.LLM.Provider; p != "offline" && c.LLM.APIKey == "" && !(p == "openai" && c.LLM.BaseURL != "") {
		up := strings.ToUpper(p)
		return fmt.Errorf("LLM_PROVIDER=%s needs %s_API_KEY (or %s_API_KEY_FILE)", p, up, up)
	}
	return nil
}

// validate runs, in the table's order, the checks of the settings that
// only selects.
func (c *Config) validate(only func(*setting) bool) error {
	table := c.settings()
	for i := range table {
		s := &table[i]
		if s.check == nil || !s.applies(c) || !only(s) {
			continue
		}
		if err := s.check(); err != nil {
			return s.errorf(s.to.String(), err)
		}
	}
	return nil
}

// JudgeDeadline bounds one judge call as the service runs it, and a
// request that waits for one. The LLM client gives the call up to three
// times LLM_TIMEOUT (llm.Policy.MaxElapsed), which covers waiting in the
// queue and for the rate limit, up to three attempts per model and the
// fallback models; the minute on top is for the rest: reading the case
// and storing the result. A zero LLM_TIMEOUT means the judge's default,
// as it does for the judge.
func (c *Config) JudgeDeadline() time.Duration {
	t := c.LLM.Timeout
	if t <= 0 {
		t = judge.DefaultCallTimeout
	}
	return 3*t + time.Minute
}
