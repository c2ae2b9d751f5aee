package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/llm"
	"github.com/aijudge/aijudge/internal/llm/anthropic"
	"github.com/aijudge/aijudge/internal/llm/gemini"
	"github.com/aijudge/aijudge/internal/llm/llmtest"
	"github.com/aijudge/aijudge/internal/llm/openai"
	"github.com/aijudge/aijudge/internal/testenv"
)

var providers = []string{"gemini", "openai", "anthropic"}

// fixture is one fake provider with a real SDK client pointed at it.
type fixture struct {
	fake *llmtest.Server
	p    llm.Provider
	logs *testenv.Buffer
	log  *slog.Logger
}

func client(t testing.TB, provider, baseURL string) llm.Provider {
	t.Helper()
	var (
		p   llm.Provider
		err error
	)
	switch provider {
	case "gemini":
		p, err = gemini.New(context.Background(), gemini.Config{APIKey: llmtest.Key, BaseURL: baseURL})
	case "openai":
		p, err = openai.New(openai.Config{APIKey: llmtest.Key, BaseURL: baseURL})
	case "anthropic":
		p, err = anthropic.New(anthropic.Config{APIKey: llmtest.Key, BaseURL: baseURL})
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func newFixture(t testing.TB, provider string) *fixture {
	t.Helper()
	fake, err := llmtest.New(provider, llmtest.Key)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	logs := &testenv.Buffer{}
	f := &fixture{fake: fake, p: client(t, provider, fake.BaseURL()), logs: logs,
		log: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	t.Cleanup(func() {
		if strings.Contains(logs.String(), llmtest.Key) {
			t.Errorf("the API key appears in the logs:\n%s", logs.String())
		}
	})
	return f
}

func (f *fixture) resilient(pol llm.Policy) *llm.Resilient {
	if pol.Models == nil {
		pol.Models = []string{"model-a"}
	}
	if pol.BaseDelay == 0 {
		pol.BaseDelay = 10 * time.Millisecond
	}
	pol.Log = f.log
	return llm.NewResilient(f.p, pol)
}

var schema = json.RawMessage(`{"title":"tentative_verdict","type":"object","additionalProperties":false,
 "properties":{"reasoning":{"type":"string"},"legalBasis":{"type":"array","items":{"type":"string"}},
 "verdict":{"type":"string"},"confidence":{"type":"integer"}},
 "required":["reasoning","legalBasis","verdict","confidence"]}`)

func request() *llm.Request {
	return &llm.Request{
		System:     "You are a judge.",
		Messages:   []llm.Message{{Role: llm.User, Text: "Decide the case."}},
		Schema:     schema,
		SchemaName: llmtest.StageTentative,
		Temperature: func() *float64 {
			v := 0.2
			return &v
		}(),
		MaxOutputTokens: 1000,
	}
}

func checkAnswer(t *testing.T, res *llm.Response) {
	t.Helper()
	if res.Text != llmtest.Answer(llmtest.StageTentative) {
		t.Errorf("text = %s", res.Text)
	}
	if res.InputTokens <= 0 || res.OutputTokens <= 0 {
		t.Errorf("usage not recorded: in %d out %d", res.InputTokens, res.OutputTokens)
	}
}

// asError is err's *llm.Error, or nil.
func asError(err error) *llm.Error {
	var e *llm.Error
	errors.As(err, &e)
	return e
}

// failure is err's *llm.Error; no error, or one of another type, fails
// the test.
func failure(t testing.TB, err error) *llm.Error {
	t.Helper()
	e := asError(err)
	if e == nil {
		t.Fatalf("err = %v, want an *llm.Error", err)
	}
	return e
}

func noKey(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), llmtest.Key) {
		t.Errorf("the API key appears in an error: %v", err)
	}
}

func TestProviders(t *testing.T) {
	t.Parallel()
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("generate", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				res, err := f.p.Generate(context.Background(), &llm.Request{Model: "model-a", System: "sys", Messages: request().Messages, Schema: schema, SchemaName: llmtest.StageTentative})
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, res)
				calls := f.fake.Calls()
				if len(calls) != 1 || calls[0].Stream || calls[0].Model != "model-a" || !strings.Contains(calls[0].Prompt, "Decide the case.") || !strings.Contains(calls[0].Prompt, "sys") {
					t.Fatalf("calls = %+v", calls)
				}
				// The schema reached the provider natively, in order.
				sc := calls[0].Schema
				props, _ := sc["properties"].(map[string]any)
				if props["reasoning"] == nil || sc["required"] == nil {
					t.Errorf("schema = %v", sc)
				}
				if name == "gemini" && fmt.Sprint(sc["propertyOrdering"]) != "[reasoning legalBasis verdict confidence]" {
					t.Errorf("propertyOrdering = %v", sc["propertyOrdering"])
				}
			})
			t.Run("stream", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				var deltas []string
				res, err := f.resilient(llm.Policy{}).Stream(context.Background(), request(), func(d string) { deltas = append(deltas, d) })
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, res)
				if len(deltas) < 3 || strings.Join(deltas, "") != res.Text {
					t.Errorf("deltas = %q", deltas)
				}
				if c := f.fake.Calls(); len(c) != 1 || !c[0].Stream {
					t.Errorf("calls = %+v", c)
				}
			})
			t.Run("usage and cost", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				r := f.resilient(llm.Policy{Prices: llm.Prices{"model-a": {InputPerMillion: 1e6, OutputPerMillion: 2e6}}})
				res, err := r.Generate(context.Background(), request())
				if err != nil {
					t.Fatal(err)
				}
				checkAnswer(t, res)
				want := float64(res.InputTokens) + 2*float64(res.OutputTokens)
				if res.Cost != want || res.Attempts != 1 || res.Latency <= 0 {
					t.Errorf("cost %v (want %v), attempts %d, latency %v", res.Cost, want, res.Attempts, res.Latency)
				}
			})
			t.Run("wrong key", func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, name)
				other, _ := llmtest.New(name, "another-key")
				defer other.Close()
				r := llm.NewResilient(client(t, name, other.BaseURL()), llm.Policy{Models: []string{"m"}, Log: f.log})
				_, err := r.Generate(context.Background(), request())
				noKey(t, err)
				// Gemini refuses a wrong key with 400, the others with 401.
				if c := failure(t, err).Class; c != llm.Unauthorized && c != llm.Rejected {
					t.Errorf("class = %v (%v)", c, err)
				}
				if got := len(other.Calls()); got != 0 {
					t.Errorf("calls = %d", got)
				}
			})
		})
	}
}
