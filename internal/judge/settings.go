package judge

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/aijudge/aijudge/internal/llm"
	"github.com/aijudge/aijudge/internal/llm/anthropic"
	"github.com/aijudge/aijudge/internal/llm/gemini"
	"github.com/aijudge/aijudge/internal/llm/openai"
	"github.com/aijudge/aijudge/internal/telemetry"
)

// Settings configure an LLM judge. The config package fills them from the
// environment (names in brackets); zero values take the defaults below.
type Settings struct {
	// Provider is "gemini", "openai" or "anthropic" [LLM_PROVIDER].
	Provider string
	// APIKey is the provider's key [GEMINI_API_KEY, OPENAI_API_KEY,
	// ANTHROPIC_API_KEY]. Never logged. An OpenAI-compatible local server
	// (BaseURL set) may do without.
	APIKey string
	// Model is the primary model [GEMINI_MODEL, OPENAI_MODEL,
	// ANTHROPIC_MODEL]; default DefaultModel(Provider).
	Model string
	// Models is the fallback chain [GEMINI_MODELS, … comma-separated],
	// tried in order. Model, when set and not in the chain, goes first.
	Models []string
	// BaseURL overrides the provider's endpoint [GEMINI_BASE_URL,
	// OPENAI_BASE_URL, ANTHROPIC_BASE_URL].
	BaseURL string
	// Temperature [LLM_TEMPERATURE]; nil means DefaultTemperature; a
	// negative value sends none (for models that accept only their
	// default).
	Temperature *float64
	// MaxOutputTokens [LLM_MAX_OUTPUT_TOKENS], default
	// DefaultMaxOutputTokens.
	MaxOutputTokens int
	// CallTimeout bounds one provider request [LLM_TIMEOUT], default
	// DefaultCallTimeout.
	CallTimeout time.Duration
	// MaxConcurrent calls in flight per process [LLM_MAX_CONCURRENT],
	// default DefaultMaxConcurrent; QueueSize more may wait [LLM_QUEUE],
	// default DefaultQueueSize.
	MaxConcurrent int
	QueueSize     int
	// RequestsPerMinute per process [LLM_REQUESTS_PER_MINUTE], default
	// DefaultRequestsPerMinute; negative means unlimited. Ignored when
	// Rate is set.
	RequestsPerMinute int
	// Rate replaces the in-process limiter, e.g. with a Redis-backed one
	// shared by the fleet.
	Rate llm.RateWaiter
	// Prices add to or override llm.DefaultPrices.
	Prices llm.Prices
	// HTTPClient is optional, for proxies and tests.
	HTTPClient *http.Client
	// Now is the judge's clock, for the dates its prompts give; nil
	// means time.Now.
	Now func() time.Time
	// Metrics and Tracer observe every provider request; nil observes
	// nothing.
	Metrics *telemetry.Metrics
	Tracer  trace.Tracer
}

// The defaults of Settings. These are the only place the numbers are
// written: llm.Policy has no defaults of its own for them, and the
// configuration refers to these.
const (
	// DefaultTemperature is low because a judge should be consistent.
	DefaultTemperature = 0.2
	// DefaultMaxOutputTokens is enough for a fully reasoned final verdict
	// plus the thinking tokens that Gemini 2.5 counts against the same
	// limit.
	DefaultMaxOutputTokens   = 8192
	DefaultCallTimeout       = 90 * time.Second
	DefaultMaxConcurrent     = 16
	DefaultQueueSize         = 64
	DefaultRequestsPerMinute = 60
)

// DefaultModel is the model used when none is configured.
func DefaultModel(provider string) string {
	switch provider {
	case "gemini":
		return "gemini-2.5-flash"
	case "openai":
		return "gpt-4o-mini"
	case "anthropic":
		return "claude-sonnet-4-5"
	}
	return ""
}

func (s Settings) withDefaults() Settings {
	s.Provider = strings.ToLower(strings.TrimSpace(s.Provider))
	if s.Model == "" && len(s.Models) == 0 {
		s.Model = DefaultModel(s.Provider)
	}
	if s.MaxOutputTokens <= 0 {
		s.MaxOutputTokens = DefaultMaxOutputTokens
	}
	if s.CallTimeout <= 0 {
		s.CallTimeout = DefaultCallTimeout
	}
	if s.MaxConcurrent <= 0 {
		s.MaxConcurrent = DefaultMaxConcurrent
	}
	if s.QueueSize <= 0 {
		s.QueueSize = DefaultQueueSize
	}
	if s.RequestsPerMinute == 0 {
		s.RequestsPerMinute = DefaultRequestsPerMinute
	}
	return s
}

// chain is the fallback chain: Models, with Model first when it is not
// among them.
func (s Settings) chain() []string {
	var out []string
	if s.Model != "" && !slices.Contains(s.Models, s.Model) {
		out = append(out, s.Model)
	}
	for _, m := range s.Models {
		if m = strings.TrimSpace(m); m != "" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

func (s Settings) temperature() *float64 {
	switch {
	case s.Temperature == nil:
		return new(float64(DefaultTemperature))
	case *s.Temperature < 0:
		return nil
	}
	return new(*s.Temperature)
}

// envPrefix names the provider's settings in messages, so that a
// configuration error points at the variable to fix.
func envPrefix(provider string) string { return strings.ToUpper(provider) }

// Validate reports settings that cannot work, naming the variable.
func (s Settings) Validate() error {
	s = s.withDefaults()
	switch s.Provider {
	case "gemini", "anthropic":
		if s.APIKey == "" {
			return fmt.Errorf("%s_API_KEY is required when LLM_PROVIDER=%s", envPrefix(s.Provider), s.Provider)
		}
	case "openai":
		if s.APIKey == "" && s.BaseURL == "" {
			return fmt.Errorf("OPENAI_API_KEY is required when LLM_PROVIDER=openai (unless OPENAI_BASE_URL names a local server)")
		}
	default:
		return fmt.Errorf("LLM_PROVIDER=%q is not one of gemini, openai, anthropic", s.Provider)
	}
	if len(s.chain()) == 0 {
		return fmt.Errorf("%s_MODEL is required", envPrefix(s.Provider))
	}
	if s.Temperature != nil && *s.Temperature > 2 {
		return fmt.Errorf("LLM_TEMPERATURE=%g is above 2", *s.Temperature)
	}
	if s.BaseURL != "" && !strings.HasPrefix(s.BaseURL, "http://") && !strings.HasPrefix(s.BaseURL, "https://") {
		return fmt.Errorf("%s_BASE_URL must start with http:// or https://", envPrefix(s.Provider))
	}
	return nil
}

// Provider builds the provider client s names, without resilience.
func (s Settings) provider(ctx context.Context) (llm.Provider, error) {
	switch s.Provider {
	case "gemini":
		return gemini.New(ctx, gemini.Config{APIKey: s.APIKey, BaseURL: s.BaseURL, HTTPClient: s.HTTPClient})
	case "openai":
		return openai.New(openai.Config{APIKey: s.APIKey, BaseURL: s.BaseURL, HTTPClient: s.HTTPClient})
	case "anthropic":
		return anthropic.New(anthropic.Config{APIKey: s.APIKey, BaseURL: s.BaseURL, HTTPClient: s.HTTPClient})
	}
	return nil, fmt.Errorf("LLM_PROVIDER=%q is not one of gemini, openai, anthropic", s.Provider)
}

// Policy is the resilience policy s describes. It sets every limit
// Settings has, defaults included, since llm.Policy takes a zero limit
// for none.
func (s Settings) Policy(log *slog.Logger) llm.Policy {
	s = s.withDefaults()
	prices := llm.DefaultPrices()
	maps.Copy(prices, s.Prices)
	rate := s.Rate
	if rate == nil && s.RequestsPerMinute > 0 {
		rate = llm.NewLocalRate(s.RequestsPerMinute)
	}
	return llm.Policy{
		Models:        s.chain(),
		CallTimeout:   s.CallTimeout,
		MaxConcurrent: s.MaxConcurrent,
		QueueSize:     s.QueueSize,
		Rate:          rate,
		Prices:        prices,
		Log:           log,
		Metrics:       s.Metrics,
		Tracer:        s.Tracer,
	}
}

// FromSettings builds the provider client, wraps it in llm.Resilient and
// returns the judge. It does not contact the provider.
func FromSettings(ctx context.Context, s Settings, log *slog.Logger) (*LLM, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s = s.withDefaults()
	p, err := s.provider(ctx)
	if err != nil {
		return nil, err
	}
	return New(llm.NewResilient(p, s.Policy(log)), s, log), nil
}
