package config

import (
	"fmt"
	"github.com/aijudge/aijudge/internal/proxy"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/judge"
)

// TestNamesCoverLoad: every setting Load reads is listed by Names (which
// the --help text prints), for each provider and with Redis set or not.
func TestNamesCoverLoad(t *testing.T) {
	names := Names()
	for _, env := range []map[string]string{
		{},
		{"LLM_PROVIDER": "gemini", "GEMINI_API_KEY": "fake-key", "REDIS_URL": "redis://127.0.0.1:6379"},
		{"LLM_PROVIDER": "openai", "OPENAI_API_KEY": "fake-key"},
		{"LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "fake-key", "REDIS_HOST": "127.0.0.1"},
		{"DATABASE_URL": "postgres://127.0.0.1/test", "JWT_SECRET": "fake-secret-fake-secret-fake-secret-00"},
	} {
		var read []string
		_, err := Load(func(k string) string {
			read = append(read, k)
			return env[k]
		})
		if err != nil {
			t.Logf("%v: %v (the names read so far still count)", env, err)
		}
		for _, k := range read {
			if !slices.Contains(names, k) {
				t.Errorf("Load reads %s, which Names does not list", k)
			}
		}
	}
}

func environ(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestDefaults: with nothing set, every setting has the default it has
// always had; the LLM's are the judge package's.
func TestDefaults(t *testing.T) {
	t.Parallel()
	c, err := Load(environ(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Port: 3001, DataDir: "./data", LogLevel: slog.LevelInfo, LogFormat: "json", DefaultJurisdiction: court.India,
		MaxFileSize: 10 << 20, MaxCaseBytes: 100 << 20, UploadMemory: 256 << 20, OCR: "auto", OCRLangs: "eng+hin", AuthMode: "accounts", ShutdownTimeout: 25 * time.Second,
		JWTTTL: 15 * time.Minute, SessionTTL: 7 * 24 * time.Hour, InviteTTL: 7 * 24 * time.Hour,
		RateLimitWindow: 15 * time.Minute, RateLimitMax: 1000, JudgeRateLimitMax: 100,
		TrustedProxies: proxy.Private, TrustedProxyHops: 1, Host: "localhost", MetricsAddr: "127.0.0.1:9090",
		AutoMigrate: true, DBMaxConns: 20, DBStatementTimeout: 10 * time.Second, RedisKeyPrefix: "aijudge:", BiasCheck: "off",
		CacheTTL: 5 * time.Minute, CacheMaxEntries: 100,
		LLM: LLM{
			Provider: "offline", Model: "rules-v1",
			Temperature: judge.DefaultTemperature, MaxOutputTokens: judge.DefaultMaxOutputTokens,
			Timeout: judge.DefaultCallTimeout, MaxConcurrent: judge.DefaultMaxConcurrent,
			Queue: judge.DefaultQueueSize, RequestsPerMin: judge.DefaultRequestsPerMinute,
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("defaults\n got %+v\nwant %+v", c, want)
	}
}

// TestDerived: the defaults that follow from other settings, and the
// values built from several.
func TestDerived(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		vars map[string]string
		got  func(*Config) any
		want any
	}{
		{"AUTO_MIGRATE on with SQLite", nil, func(c *Config) any { return c.AutoMigrate }, true},
		{"AUTO_MIGRATE off with PostgreSQL", map[string]string{"DATABASE_URL": "postgres://db.example/aijudge", "AUTH_MODE": "open"},
			func(c *Config) any { return c.AutoMigrate }, false},
		{"AUTO_MIGRATE as given", map[string]string{"DATABASE_URL": "postgres://db.example/aijudge", "AUTH_MODE": "open", "AUTO_MIGRATE": "true"},
			func(c *Config) any { return c.AutoMigrate }, true},
		{"gemini when its key is set", map[string]string{"GEMINI_API_KEY": "fake-key"},
			func(c *Config) any { return []any{c.LLM.Provider, c.LLM.APIKey, c.LLM.Model, c.LLM.Models} },
			[]any{"gemini", "fake-key", "gemini-2.5-flash", []string{"gemini-2.5-flash"}}},
		{"provider in any case; its own settings only", map[string]string{"LLM_PROVIDER": "OpenAI", "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "GEMINI_API_KEY": "fake-key", "GEMINI_MODEL": "g"},
			func(c *Config) any { return []any{c.LLM.Provider, c.LLM.APIKey, c.LLM.Model, c.LLM.BaseURL} },
			[]any{"openai", "", "gpt-4o-mini", "http://127.0.0.1:8000/v1"}},
		{"model from the chain", map[string]string{"LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "fake-key", "ANTHROPIC_MODELS": " a, ,b "},
			func(c *Config) any { return []any{c.LLM.Model, c.LLM.Models} }, []any{"a", []string{"a", "b"}}},
		{"model first in the chain", map[string]string{"LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "fake-key", "ANTHROPIC_MODEL": "m", "ANTHROPIC_MODELS": "a,b"},
			func(c *Config) any { return []any{c.LLM.Model, c.LLM.Models} }, []any{"m", []string{"m", "a", "b"}}},
		{"REDIS_URL from its parts", map[string]string{"REDIS_HOST": "redis.example", "REDIS_PASSWORD": "fake-pw"},
			func(c *Config) any { return c.RedisURL }, "redis://:fake-pw@redis.example:6379"},
		{"REDIS_URL wins over its parts", map[string]string{"REDIS_URL": "rediss://r.example:6380/1", "REDIS_HOST": "redis.example"},
			func(c *Config) any { return c.RedisURL }, "rediss://r.example:6380/1"},
		{"values trimmed and folded", map[string]string{"PORT": " 8080 ", "AUTH_MODE": "Open", "DEFAULT_JURISDICTION": "uk", "CORS_ORIGIN": "https://a.example, https://b.example"},
			func(c *Config) any { return []any{c.Port, c.AuthMode, c.DefaultJurisdiction, c.CORSOrigins} },
			[]any{8080, "open", court.Jurisdiction("UK"), []string{"https://a.example", "https://b.example"}}},
		{"accounts behind a proxy with PUBLIC_URL", map[string]string{"TRUST_PROXY_HEADERS": "true", "PUBLIC_URL": "https://judge.example.org"},
			func(c *Config) any { return []any{c.TrustProxyHeaders, c.PublicURL} }, []any{true, "https://judge.example.org"}},
		{"open mode behind a proxy sends no invitations", map[string]string{"TRUST_PROXY_HEADERS": "true", "AUTH_MODE": "open"},
			func(c *Config) any { return c.TrustProxyHeaders }, true},
		{"metrics on their own listener, or nowhere", map[string]string{"METRICS_ADDR": "Off"},
			func(c *Config) any { return c.MetricsAddr }, ""},
		{"metrics on the address given", map[string]string{"METRICS_ADDR": "0.0.0.0:9090"},
			func(c *Config) any { return c.MetricsAddr }, "0.0.0.0:9090"},
		{"durations in seconds or Go's form; the window in milliseconds", map[string]string{"JWT_TTL": "90", "SESSION_TTL": "2h", "RATE_LIMIT_WINDOW_MS": "1500"},
			func(c *Config) any { return []any{c.JWTTTL, c.SessionTTL, c.RateLimitWindow} },
			[]any{90 * time.Second, 2 * time.Hour, 1500 * time.Millisecond}},
	}
	for _, tt := range tests {
		c, err := Load(environ(tt.vars))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := tt.got(c); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLoadRefuses: a setting that cannot work is one line naming it, and
// never quotes a secret.
func TestLoadRefuses(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "none")
	tests := []struct {
		vars    map[string]string
		setting string
	}{
		{map[string]string{"PORT": "abc"}, `PORT="abc"`},
		{map[string]string{"PORT": "70000"}, `PORT="70000"`},
		{map[string]string{"LOG_LEVEL": "loud"}, `LOG_LEVEL="loud"`},
		{map[string]string{"LOG_FORMAT": "xml"}, `LOG_FORMAT="xml"`},
		{map[string]string{"CACHE_TTL": "0"}, "CACHE_TTL"},
		{map[string]string{"CACHE_TTL": "forever"}, `CACHE_TTL="forever"`},
		{map[string]string{"CACHE_MAX_ENTRIES": "0"}, "CACHE_MAX_ENTRIES"},
		{map[string]string{"CACHE_MAX_ENTRIES": "many"}, `CACHE_MAX_ENTRIES="many"`},
		{map[string]string{"DEFAULT_JURISDICTION": "mars"}, `DEFAULT_JURISDICTION="MARS"`},
		{map[string]string{"MAX_FILE_SIZE": "0"}, "MAX_FILE_SIZE"},
		{map[string]string{"MAX_FILE_SIZE": "10", "MAX_CASE_BYTES": "5"}, "MAX_CASE_BYTES"},
		{map[string]string{"AUTH_MODE": "sso"}, `AUTH_MODE="sso"`},
		{map[string]string{"SESSION_TTL": "0"}, "SESSION_TTL"},
		{map[string]string{"INVITE_TTL": "-1h"}, "INVITE_TTL"},
		{map[string]string{"JUDGE_RATE_LIMIT_MAX_REQUESTS": "0"}, "JUDGE_RATE_LIMIT_MAX_REQUESTS"},
		{map[string]string{"TRUST_PROXY_HEADERS": "maybe"}, "TRUST_PROXY_HEADERS"},
		{map[string]string{"TRUST_PROXY_HEADERS": "true"}, "PUBLIC_URL is required with AUTH_MODE=accounts behind a proxy"},
		{map[string]string{"METRICS_ADDR": "9090"}, `METRICS_ADDR="9090"`},
		{map[string]string{"HOST": "example.org"}, `HOST="example.org"`},
		{map[string]string{"DATABASE_URL": "mysql://fake-secret@db.example/x"}, "DATABASE_URL"},
		{map[string]string{"DATABASE_URL": "postgres://db.example/x"}, "JWT_SECRET"},
		{map[string]string{"JWT_SECRET": "fake-secret"}, "JWT_SECRET"},
		{map[string]string{"JWT_SECRET": "fake-secret", "JWT_SECRET_FILE": missing}, "JWT_SECRET and JWT_SECRET_FILE"},
		{map[string]string{"JWT_SECRET_FILE": missing}, "JWT_SECRET_FILE"},
		{map[string]string{"REDIS_URL": "http://:fake-secret@redis.example"}, "REDIS_URL"},
		{map[string]string{"REDIS_HOST": "redis.example", "REDIS_PASSWORD": "fake-secret", "REDIS_PASSWORD_FILE": missing}, "REDIS_PASSWORD"},
		{map[string]string{"BLOB_URL": "documents"}, "BLOB_URL"},
		{map[string]string{"LLM_PROVIDER": "oracle"}, `LLM_PROVIDER="oracle"`},
		{map[string]string{"LLM_PROVIDER": "gemini"}, "LLM_PROVIDER=gemini needs GEMINI_API_KEY"},
		{map[string]string{"LLM_PROVIDER": "openai"}, "LLM_PROVIDER=openai needs OPENAI_API_KEY"},
		{map[string]string{"LLM_TEMPERATURE": "3"}, "LLM_TEMPERATURE"},
		{map[string]string{"LLM_TIMEOUT": "soon"}, `LLM_TIMEOUT="soon"`},
		{map[string]string{"BIAS_CHECK": "always"}, `BIAS_CHECK="always"`},
		{map[string]string{"OCR": "on"}, `OCR="on"`},
		{map[string]string{"OCR_LANGS": "eng hin"}, `OCR_LANGS="eng hin"`},
		{map[string]string{"OCR_LANGS": "eng+../x"}, `OCR_LANGS="eng+../x"`},
		{map[string]string{"JUDGES": "offline"}, "JUDGES seats a bench of at least two"},
		{map[string]string{"JUDGES": "offline,oracle:x"}, `JUDGES: "oracle" names no provider`},
		{map[string]string{"JUDGES": "offline,gemini"}, "JUDGES names gemini, which needs GEMINI_API_KEY"},
		{map[string]string{"APPEAL_JUDGE": "anthropic:claude-x"}, "APPEAL_JUDGE names anthropic, which needs ANTHROPIC_API_KEY"},
	}
	for _, tt := range tests {
		_, err := Load(environ(tt.vars))
		if err == nil || !strings.HasPrefix(err.Error(), tt.setting) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want one line that starts with %s", tt.vars, err, tt.setting)
		}
		if err != nil && strings.Contains(err.Error(), "fake-secret") {
			t.Errorf("%v: error %q quotes a secret", tt.vars, err)
		}
	}
}

func TestSecretFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := Load(environ(map[string]string{
		"DATABASE_URL_FILE":   write("db", "postgres://aijudge:fake-pw@db.example/aijudge\n"),
		"JWT_SECRET_FILE":     write("jwt", "  fake-secret-fake-secret-fake-secret-00\n"),
		"GEMINI_API_KEY_FILE": write("gemini", "fake-key\n"),
		"REDIS_URL_FILE":      write("redis", "redis://redis.example:6379/0\n"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	got := []string{c.DatabaseURL, c.JWTSecret, c.LLM.APIKey, c.RedisURL}
	want := []string{"postgres://aijudge:fake-pw@db.example/aijudge", "fake-secret-fake-secret-fake-secret-00", "fake-key", "redis://redis.example:6379/0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("from files: got %q, want %q", got, want)
	}
	// The database commands check the database settings only.
	if _, err := LoadStore(environ(map[string]string{"DATABASE_URL_FILE": write("db2", "postgres://db.example/x"), "LLM_PROVIDER": "gemini"})); err != nil {
		t.Errorf("LoadStore: %v", err)
	}
	if _, err := LoadStore(environ(map[string]string{"DATABASE_URL": "mysql://db.example/x"})); err == nil || !strings.HasPrefix(err.Error(), "DATABASE_URL") {
		t.Errorf("LoadStore of a bad DATABASE_URL: %v", err)
	}
}

// TestDumpMasksSecrets: the start-up log shows whether each secret is set,
// never its value, and the chosen provider's settings only.
func TestDumpMasksSecrets(t *testing.T) {
	t.Parallel()
	c, err := Load(environ(map[string]string{
		"DATABASE_URL": "postgres://aijudge:fake-secret@db.example/aijudge", "JWT_SECRET": "fake-secret-fake-secret-fake-secret-00",
		"GEMINI_API_KEY": "fake-secret-key", "REDIS_HOST": "redis.example", "REDIS_PASSWORD": "fake-secret",
		"BLOB_URL": "s3://private-bucket?endpoint=http://minio.internal:9000", "OPENAI_MODEL": "gpt-x",
	}))
	if err != nil {
		t.Fatal(err)
	}
	kv := c.Dump()
	got := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		got[kv[i].(string)] = kv[i+1]
	}
	for k, want := range map[string]string{
		"database_url": "set", "jwt_secret": "set", "gemini_api_key": "set", "redis_url": "set",
		"blob_url": "s3://…", "port": "3001", "llm_provider": "gemini", "gemini_model": "gemini-2.5-flash", "rate_limit_window_ms": "900000",
	} {
		if got[k] != want {
			t.Errorf("dump %s = %v, want %q", k, got[k], want)
		}
	}
	if _, ok := got["openai_model"]; ok {
		t.Error("dump shows another provider's setting")
	}
	if s := fmt.Sprint(kv...); strings.Contains(s, "fake-secret") || strings.Contains(s, "private-bucket") {
		t.Errorf("dump shows a secret: %s", s)
	}
	if c, _ := Load(environ(nil)); fmt.Sprint(c.Dump()...) == "" || !slices.Contains(c.Dump(), any("unset")) {
		t.Errorf("dump of the defaults: %v, want unset secrets", c.Dump())
	}
}

// TestHelp: --help lists every setting Names does, with its default; the
// LLM's defaults are the judge's.
func TestHelp(t *testing.T) {
	t.Parallel()
	h := Help()
	for _, n := range Names() {
		if base, ok := strings.CutSuffix(n, "_FILE"); ok && slices.Contains(Names(), base) {
			if !strings.Contains(h, "[secret, or "+n+"]") {
				t.Errorf("help does not say %s may be given as %s", base, n)
			}
			continue
		}
		if !strings.Contains(h, "\n  "+n) {
			t.Errorf("help does not list %s", n)
		}
	}
	for _, want := range []string{"\n  PORT=3001\n", "\n  LLM_TIMEOUT=" + judge.DefaultCallTimeout.String() + "\n",
		"\n  LLM_MAX_OUTPUT_TOKENS=" + strconv.Itoa(judge.DefaultMaxOutputTokens) + "\n", "else " + judge.DefaultModel("openai")} {
		if !strings.Contains(h, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// TestREADMEListsEverySetting keeps the README's table of settings in step
// with the one here.
func TestREADMEListsEverySetting(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(b), "## Configuration")
	section, _, _ = strings.Cut(section, "\n## ")
	for _, n := range Names() {
		if !strings.HasSuffix(n, "_FILE") && !strings.Contains(section, "`"+n+"`") {
			t.Errorf("README.md's Configuration section does not list %s", n)
		}
	}
}

func TestJudgeDeadline(t *testing.T) {
	t.Parallel()
	for timeout, want := range map[time.Duration]time.Duration{
		90 * time.Second: 5*time.Minute + 30*time.Second,
		10 * time.Second: 90 * time.Second,
		0:                3*judge.DefaultCallTimeout + time.Minute, // the judge's default applies
	} {
		c := &Config{LLM: LLM{Timeout: timeout}}
		if got := c.JudgeDeadline(); got != want {
			t.Errorf("LLM_TIMEOUT=%s: JudgeDeadline %s, want %s", timeout, got, want)
		}
	}
}

func TestBench(t *testing.T) {
	t.Parallel()
	c, err := Load(environ(map[string]string{
		"JUDGES":         "gemini:gemini-x, OpenAI ,offline, anthropic:claude-y",
		"GEMINI_API_KEY": "fake-g", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "ANTHROPIC_API_KEY": "fake-a",
		"APPEAL_JUDGE": "anthropic", "BIAS_CHECK": "SWAP",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := []Seat{
		{Provider: "gemini", Model: "gemini-x", APIKey: "fake-g"},
		{Provider: "openai", Model: judge.DefaultModel("openai"), BaseURL: "http://127.0.0.1:9/v1"},
		{Provider: "offline", Model: offlineModel},
		{Provider: "anthropic", Model: "claude-y", APIKey: "fake-a"},
	}
	if !reflect.DeepEqual(c.Judges, want) {
		t.Errorf("judges %+v", c.Judges)
	}
	if c.Appeal == nil || *c.Appeal != (Seat{Provider: "anthropic", Model: judge.DefaultModel("anthropic"), APIKey: "fake-a"}) || c.BiasCheck != "swap" {
		t.Errorf("appeal %+v, bias check %q", c.Appeal, c.BiasCheck)
	}
}
