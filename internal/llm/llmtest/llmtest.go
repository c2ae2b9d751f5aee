// Package llmtest runs fake Gemini, OpenAI and Anthropic servers that speak
// each provider's real wire protocol, so that tests drive the official SDKs
// end to end without the network. Each fake answers the judge's three
// stages with valid JSON for that stage, recognised from the schema's name
// (or title) or, failing that, from the prompt, and can be told to fail in
// the ways real providers fail.
package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"
)

// The stages the fakes recognise, which are also the schema names the
// judge uses.
const (
	StageTentative = "tentative_verdict"
	StageArgument  = "argument_evaluation"
	StageFinal     = "final_verdict"
)

// Key is an API key that looks real enough for the SDKs and appears in
// nothing but requests, so that tests can assert it never leaks.
const Key = "test-key-not-real-7f3a9c"

// Fault makes the next request fail or misbehave. Faults are used in the
// order they were pushed, one per request.
type Fault struct {
	// Status is the HTTP status to fail with; 0 answers normally.
	Status int
	// RetryAfter is sent as the Retry-After header (seconds) and, by the
	// Gemini fake, as a google.rpc.RetryInfo retryDelay.
	RetryAfter time.Duration
	// Text replaces the answer's JSON text, for malformed answers.
	Text string
	// Delay holds the answer back, for timeouts.
	Delay time.Duration
}

// Call records one request a fake received.
type Call struct {
	Stage  string
	Stream bool
	Model  string
	Status int
	// Prompt is all text the request carried (system and messages).
	Prompt string
	// Schema is the answer's JSON Schema as the provider received it
	// natively (responseJsonSchema, json_schema.schema, the tool's
	// input_schema), so that tests can check it was sent.
	Schema map[string]any
}

// Server is one fake provider.
type Server struct {
	srv      *httptest.Server
	provider string
	key      string

	mu      sync.Mutex
	faults  []Fault
	calls   []Call
	latency time.Duration
	record  bool
	load    *Load
	window  []time.Time // request times within the last minute, with a Load's RequestsPerMinute
	stats   Stats
}

func newServer(provider, key string, h func(*Server, http.ResponseWriter, *http.Request)) *Server {
	s := &Server{provider: provider, key: key, record: true}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer s.begin()()
		h(s, w, r)
	}))
	return s
}

// NewGemini starts a fake Gemini API (generateContent and
// streamGenerateContent?alt=sse) that accepts key.
func NewGemini(key string) *Server { return newServer("gemini", key, serveGemini) }

// NewOpenAI starts a fake chat completions API that accepts key.
func NewOpenAI(key string) *Server { return newServer("openai", key, serveOpenAI) }

// NewAnthropic starts a fake Messages API that accepts key.
func NewAnthropic(key string) *Server { return newServer("anthropic", key, serveAnthropic) }

// New starts the fake for provider ("gemini", "openai" or "anthropic").
func New(provider, key string) (*Server, error) {
	switch provider {
	case "gemini":
		return NewGemini(key), nil
	case "openai":
		return NewOpenAI(key), nil
	case "anthropic":
		return NewAnthropic(key), nil
	}
	return nil, fmt.Errorf("llmtest: unknown provider %q", provider)
}

// BaseURL is the base URL to configure the provider's client with.
func (s *Server) BaseURL() string {
	if s.provider == "openai" {
		return s.srv.URL + "/v1"
	}
	return s.srv.URL + "/"
}

// Provider names the fake's provider.
func (s *Server) Provider() string { return s.provider }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Push queues faults for the next requests.
func (s *Server) Push(f ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, f...)
}

// SetLatency delays every answer by d, for load tests.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetRecording turns the call log off, so that long benchmarks do not
// grow it.
func (s *Server) SetRecording(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.record = on
}

// Calls returns the requests received so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// next takes the next fault and records the call.
func (s *Server) next(c Call) (Fault, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var f Fault
	if len(s.faults) > 0 {
		f, s.faults = s.faults[0], s.faults[1:]
	}
	latency := s.latency
	if s.load != nil {
		if f.Status == 0 && s.overQuota(time.Now()) {
			f = Fault{Status: http.StatusTooManyRequests, RetryAfter: s.quotaRetryAfter(time.Now())}
		}
		if f.Status == 0 {
			latency = s.load.latency()
		}
	}
	c.Status = f.Status
	if c.Status == 0 {
		c.Status = 200
	}
	s.stats.Requests++
	if c.Status == http.StatusTooManyRequests {
		s.stats.RateLimited++
	}
	if s.record {
		s.calls = append(s.calls, c)
	}
	return f, latency
}

// answer is the text a successful call returns for stage.
func (s *Server) answer(stage string) string {
	s.mu.Lock()
	l := s.load
	s.mu.Unlock()
	if l == nil {
		return Answer(stage)
	}
	return SizedAnswer(stage, l.OutputTokens[stage])
}

// usage counts a successful call's tokens in the server's statistics.
func (s *Server) usage(in, out int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.InputTokens += int64(in)
	s.stats.OutputTokens += int64(out)
}

// wait sleeps d unless the client goes away first.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// begin counts a request in flight until the returned func is called.
func (s *Server) begin() func() {
	s.mu.Lock()
	s.stats.InFlight++
	s.stats.MaxInFlight = max(s.stats.MaxInFlight, s.stats.InFlight)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.stats.InFlight--
		s.mu.Unlock()
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func readBody(r *http.Request) ([]byte, map[string]any) {
	b, _ := io.ReadAll(io.LimitReader(r.Body, 16<<20))
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return b, m
}

// stageOf recognises the stage from a schema name or title, or else the
// prompt text: a "STAGE: name" line, as the judge's prompts have, or the
// name anywhere.
func stageOf(name, prompt string) string {
	for _, st := range []string{StageTentative, StageArgument, StageFinal} {
		if name == st || strings.Contains(prompt, "STAGE: "+st) {
			return st
		}
	}
	for _, st := range []string{StageArgument, StageFinal, StageTentative} {
		if strings.Contains(prompt, st) {
			return st
		}
	}
	return StageTentative
}

// Answer returns a valid answer for stage.
func Answer(stage string) string {
	var v any
	switch stage {
	case StageArgument:
		v = map[string]any{
			"response":           "The argument adds a documented payment record, which bears on whether the deposit was paid.",
			"strengthens":        "Side B",
			"weakens":            "Side A",
			"uncertaintyRemains": "Whether the payment was made before the notice period ended remains unclear.",
			"reconsidered":       false,
			"updatedReasoning":   "",
			"verdict":            "",
			"favours":            "A",
			"provisionalNote":    "This view remains provisional until the final verdict.",
			"confidence":         58,
		}
	case StageFinal:
		v = map[string]any{
			"reasoning":  "Having weighed the evidence and every argument, the court finds that the contract was breached. The view moved from tentative to firm after the payment record was examined.",
			"roles":      map[string]any{"A": "plaintiff", "B": "defendant"},
			"factsDate":  "2025-06-30",
			"issues":     issues("The contract was breached."),
			"legalBasis": []string{"Indian Contract Act, 1872, section 73"},
			"verdict":    "Judgment for Side A: Side B breached the contract and must pay damages.",
			"favours":    "A",
			"relief":     []any{map[string]any{"kind": "compensation", "description": "Side B pays Side A damages for the breach.", "amount": 200000, "currency": "INR"}},
			"confidence": 81,
		}
	default:
		v = map[string]any{
			"reasoning":  "On the present record it appears that Side A's account is better supported, though the timing of the notice is not yet clear.",
			"roles":      map[string]any{"A": "plaintiff", "B": "defendant"},
			"factsDate":  "",
			"issues":     issues("On the present record, it appears the contract was breached."),
			"legalBasis": []string{"Indian Contract Act, 1872, section 73"},
			"verdict":    "Tentatively, Side A appears more likely to prevail.",
			"favours":    "A",
			"relief":     []any{map[string]any{"kind": "refund", "description": "Side B would refund the deposit.", "amount": 0, "currency": ""}},
			"confidence": 62,
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// issues is one issue whose findings rest on the two summaries, the only
// data blocks every case has.
func issues(answer string) []any {
	src := func(label string) []any {
		return []any{map[string]any{"label": label, "kind": "summary", "quote": ""}}
	}
	return []any{map[string]any{
		"question": "Did Side B breach the contract?",
		"burden":   "A",
		"standard": "The balance of probabilities.",
		"findings": []any{
			map[string]any{"fact": "Side A paid the deposit.", "status": "unproved", "sources": src("Side A summary")},
			map[string]any{"fact": "Side B did not perform.", "status": "disputed", "sources": src("Side B summary")},
		},
		"rule":        "A party who breaks a contract compensates the other for the loss that naturally arises from the breach.",
		"provisions":  []string{"Indian Contract Act, 1872, section 73"},
		"application": "Side B does not deny that it kept the deposit.",
		"answer":      answer,
	}}
}

// tokens estimates a token count the way every fake reports it.
func tokens(n int) int { return max(1, n/4) }

// chunks splits s into pieces the way a model streams text.
func chunks(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

func sse(w http.ResponseWriter, event string, v any) {
	var b bytes.Buffer
	if event != "" {
		fmt.Fprintf(&b, "event: %s\n", event)
	}
	data, _ := json.Marshal(v)
	fmt.Fprintf(&b, "data: %s\n\n", data)
	_, _ = w.Write(b.Bytes())
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

func startSSE(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
}

func retryAfterHeader(w http.ResponseWriter, d time.Duration) {
	if d > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(max(1, int(d.Round(time.Second)/time.Second))))
	}
}

// promptText gathers every string under the given keys of a request, so
// that tests can look at what the model was told.
func promptText(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(x)) {
				e := x[k]
				if k == "text" || k == "content" {
					if s, ok := e.(string); ok {
						b.WriteString(s)
						b.WriteString("\n")
						continue
					}
				}
				if k == "response_format" || k == "tools" || k == "generationConfig" {
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}
