// Package gemini is the llm.Provider for Google's Gemini API, on the
// official google.golang.org/genai SDK. Structured output uses the API's
// native responseJsonSchema; streaming uses streamGenerateContent over
// server-sent events.
package gemini

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"google.golang.org/genai"

	"github.com/aijudge/aijudge/internal/llm"
)

// Config configures a Client.
type Config struct {
	APIKey string
	// BaseURL replaces https://generativelanguage.googleapis.com/, for
	// proxies and for tests.
	BaseURL string
	// HTTPClient is optional; the default suits many concurrent calls.
	HTTPClient *http.Client
}

// Client calls the Gemini API.
type Client struct {
	c   *genai.Client
	key string
}

var _ llm.Provider = (*Client)(nil)

// New returns a client. It does not contact the API.
func New(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("gemini: an API key is required")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = llm.HTTPClient(nil)
	}
	// The Retry-After header is not part of genai.APIError, so a transport
	// wrapper hands it to the call that is waiting for it.
	hc2 := *hc
	base := hc2.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc2.Transport = hintTransport{base}
	c, err := genai.NewClient(ctx, &genai.ClientConfig{
		APIKey:     cfg.APIKey,
		Backend:    genai.BackendGeminiAPI,
		HTTPClient: &hc2,
		// RetryOptions stays nil: the SDK then makes a single attempt,
		// leaving every retry to llm.Resilient.
		HTTPOptions: genai.HTTPOptions{BaseURL: cfg.BaseURL},
	})
	if err != nil {
		return nil, llm.Redact(err, cfg.APIKey)
	}
	return &Client{c: c, key: cfg.APIKey}, nil
}

// Name implements llm.Provider.
func (*Client) Name() string { return "gemini" }

func (c *Client) config(r *llm.Request) (*genai.GenerateContentConfig, []*genai.Content, error) {
	cfg := &genai.GenerateContentConfig{
		ResponseMIMEType: "application/json",
		// Continuation would resend the request inside the SDK, a retry
		// this package does not control; our answers are short.
		AutomaticContinuation: new(false),
	}
	if len(r.Schema) > 0 {
		var schema map[string]any
		if err := json.Unmarshal(r.Schema, &schema); err != nil {
			return nil, nil, fmt.Errorf("gemini: schema: %w", err)
		}
		// The SDK sends the schema as a map, which loses the order of
		// the properties; propertyOrdering restores it.
		if _, ok := schema["propertyOrdering"]; !ok {
			if order := propertyOrder(r.Schema); len(order) > 1 {
				schema["propertyOrdering"] = order
			}
		}
		cfg.ResponseJsonSchema = schema
	}
	if r.System != "" {
		cfg.SystemInstruction = genai.NewContentFromText(r.System, genai.RoleUser)
	}
	if r.Temperature != nil {
		cfg.Temperature = new(float32(*r.Temperature))
	}
	if r.MaxOutputTokens > 0 {
		cfg.MaxOutputTokens = int32(r.MaxOutputTokens)
	}
	contents := make([]*genai.Content, 0, len(r.Messages))
	for _, m := range r.Messages {
		role := genai.Role(genai.RoleUser)
		if m.Role == llm.Assistant {
			role = genai.RoleModel
		}
		contents = append(contents, genai.NewContentFromText(m.Text, role))
	}
	return cfg, contents, nil
}

// Generate implements llm.Provider.
func (c *Client) Generate(ctx context.Context, r *llm.Request) (*llm.Response, error) {
	cfg, contents, err := c.config(r)
	if err != nil {
		return nil, err
	}
	ctx, hint := withHint(ctx)
	res, err := c.c.Models.GenerateContent(ctx, r.Model, contents, cfg)
	if err != nil {
		return nil, c.wrap(err, hint)
	}
	out := &llm.Response{Model: r.Model}
	if err := add(out, res, nil); err != nil {
		return nil, err
	}
	return finish(out, res)
}

// Stream implements llm.Provider.
func (c *Client) Stream(ctx context.Context, r *llm.Request, delta func(string)) (*llm.Response, error) {
	cfg, contents, err := c.config(r)
	if err != nil {
		return nil, err
	}
	ctx, hint := withHint(ctx)
	out := &llm.Response{Model: r.Model}
	var last *genai.GenerateContentResponse
	var text strings.Builder
	for res, err := range c.c.Models.GenerateContentStream(ctx, r.Model, contents, cfg) {
		if err != nil {
			return nil, c.wrap(err, hint)
		}
		if err := add(out, res, func(s string) { text.WriteString(s); delta(s) }); err != nil {
			return nil, err
		}
		last = res
	}
	if last == nil {
		return nil, fmt.Errorf("gemini: empty stream: %w", llm.ErrInvalidAnswer)
	}
	out.Text = text.String()
	return finish(out, last)
}

// add takes a response or a stream chunk's text and usage into out. Usage
// in a stream is cumulative, so the last chunk's numbers win.
func add(out *llm.Response, res *genai.GenerateContentResponse, delta func(string)) error {
	if res.ModelVersion != "" {
		out.Model = res.ModelVersion
	}
	if u := res.UsageMetadata; u != nil {
		out.InputTokens = int64(u.PromptTokenCount)
		// Thinking is billed as output.
		out.OutputTokens = int64(u.CandidatesTokenCount) + int64(u.ThoughtsTokenCount)
	}
	if len(res.Candidates) == 0 || res.Candidates[0].Content == nil {
		return nil
	}
	for _, p := range res.Candidates[0].Content.Parts {
		if p.Text == "" || p.Thought {
			continue
		}
		if delta != nil {
			delta(p.Text)
		} else {
			out.Text += p.Text
		}
	}
	return nil
}

// finish rejects answers that ended for a reason other than completion
// with nothing to show, such as a blocked prompt.
func finish(out *llm.Response, last *genai.GenerateContentResponse) (*llm.Response, error) {
	if out.Text != "" {
		return out, nil
	}
	reason := "no candidates"
	if pf := last.PromptFeedback; pf != nil && pf.BlockReason != "" {
		reason = "prompt blocked: " + string(pf.BlockReason)
	} else if len(last.Candidates) > 0 {
		reason = "finish reason " + string(last.Candidates[0].FinishReason)
	}
	return nil, fmt.Errorf("gemini: %s: %w", reason, llm.ErrInvalidAnswer)
}

// wrap turns an SDK error into an llm error without the key.
func (c *Client) wrap(err error, h *hint) error {
	var ae genai.APIError
	if errors.As(err, &ae) && ae.Code != 0 {
		ra := retryInfo(ae.Details)
		if ra == 0 {
			ra = h.get()
		}
		return llm.StatusError("gemini", ae.Code, ra,
			errors.New(llm.RedactString(fmt.Sprintf("%s: %s", ae.Status, ae.Message), c.key)))
	}
	return llm.Redact(err, c.key)
}

// retryInfo reads the google.rpc.RetryInfo detail Gemini attaches to 429s.
func retryInfo(details []map[string]any) time.Duration {
	for _, d := range details {
		if t, _ := d["@type"].(string); !strings.HasSuffix(t, "google.rpc.RetryInfo") {
			continue
		}
		if s, ok := d["retryDelay"].(string); ok {
			if v, err := time.ParseDuration(s); err == nil && v > 0 {
				return v
			}
		}
	}
	return 0
}

type hintKey struct{}

// hint carries a failed response's Retry-After header from the transport
// to the call.
type hint struct {
	mu sync.Mutex
	d  time.Duration
}

func (h *hint) get() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.d
}

func withHint(ctx context.Context) (context.Context, *hint) {
	h := &hint{}
	return context.WithValue(ctx, hintKey{}, h), h
}

type hintTransport struct{ base http.RoundTripper }

func (t hintTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err == nil && resp.StatusCode >= 400 {
		if h, ok := req.Context().Value(hintKey{}).(*hint); ok {
			if d := llm.ParseRetryAfter(resp.Header, time.Now()); d > 0 {
				h.mu.Lock()
				h.d = d
				h.mu.Unlock()
			}
		}
	}
	return resp, err
}

// propertyOrder returns the keys of the schema's top-level "properties"
// object in the order they are written.
func propertyOrder(schema json.RawMessage) []string {
	var top map[string]json.RawMessage
	if json.Unmarshal(schema, &top) != nil || top["properties"] == nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(top["properties"]))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		k, _ := t.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return nil
		}
	}
	return keys
}
