// Package openai is the llm.Provider for OpenAI's chat completions API and
// the many servers that speak it (Groq, Ollama, vLLM, LM Studio,
// OpenRouter), on the official github.com/openai/openai-go/v3 SDK.
// Structured output uses response_format json_schema in strict mode.
package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"

	"github.com/aijudge/aijudge/internal/llm"
)

// Config configures a Client.
type Config struct {
	APIKey string
	// BaseURL points at an OpenAI-compatible server, for example
	// https://api.groq.com/openai/v1 or http://localhost:11434/v1.
	BaseURL    string
	HTTPClient *http.Client
}

// Client calls a chat completions API.
type Client struct {
	c   openai.Client
	key string
	// legacyMaxTokens sends max_tokens rather than max_completion_tokens,
	// which OpenAI-compatible servers understand more widely.
	legacyMaxTokens bool
}

var _ llm.Provider = (*Client)(nil)

// New returns a client. Local servers (Ollama, LM Studio) need no key, so
// an empty one is allowed when BaseURL is set.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" && cfg.BaseURL == "" {
		return nil, errors.New("openai: an API key is required")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = llm.HTTPClient(nil)
	}
	key := cfg.APIKey
	if key == "" {
		key = "unused"
	}
	opts := []option.RequestOption{
		option.WithAPIKey(key),
		option.WithHTTPClient(hc),
		option.WithMaxRetries(0), // llm.Resilient retries
	}
	if cfg.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(cfg.BaseURL))
	}
	return &Client{c: openai.NewClient(opts...), key: cfg.APIKey, legacyMaxTokens: cfg.BaseURL != ""}, nil
}

// Name implements llm.Provider.
func (*Client) Name() string { return "openai" }

func (c *Client) params(r *llm.Request) (openai.ChatCompletionNewParams, error) {
	p := openai.ChatCompletionNewParams{Model: shared.ChatModel(r.Model)}
	if r.System != "" {
		p.Messages = append(p.Messages, openai.SystemMessage(r.System))
	}
	for _, m := range r.Messages {
		if m.Role == llm.Assistant {
			p.Messages = append(p.Messages, openai.AssistantMessage(m.Text))
		} else {
			p.Messages = append(p.Messages, openai.UserMessage(m.Text))
		}
	}
	if r.Temperature != nil {
		p.Temperature = openai.Float(*r.Temperature)
	}
	if r.MaxOutputTokens > 0 {
		if c.legacyMaxTokens {
			p.MaxTokens = openai.Int(int64(r.MaxOutputTokens))
		} else {
			p.MaxCompletionTokens = openai.Int(int64(r.MaxOutputTokens))
		}
	}
	if len(r.Schema) > 0 {
		if !json.Valid(r.Schema) {
			return p, errors.New("openai: schema is not valid JSON")
		}
		name := r.SchemaName
		if name == "" {
			name = "answer"
		}
		p.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{
			OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{
				JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{
					Name:   name,
					Strict: openai.Bool(true),
					// Raw, so that the properties keep their order,
					// which the model follows when it writes.
					Schema: r.Schema,
				},
			},
		}
	}
	return p, nil
}

// Generate implements llm.Provider.
func (c *Client) Generate(ctx context.Context, r *llm.Request) (*llm.Response, error) {
	p, err := c.params(r)
	if err != nil {
		return nil, err
	}
	res, err := c.c.Chat.Completions.New(ctx, p)
	if err != nil {
		return nil, c.wrap(err)
	}
	if len(res.Choices) == 0 {
		return nil, fmt.Errorf("openai: no choices: %w", llm.ErrInvalidAnswer)
	}
	msg := res.Choices[0].Message
	if msg.Content == "" {
		return nil, fmt.Errorf("openai: empty answer (finish reason %q, refusal %t): %w",
			res.Choices[0].FinishReason, msg.Refusal != "", llm.ErrInvalidAnswer)
	}
	return &llm.Response{
		Text:         msg.Content,
		InputTokens:  res.Usage.PromptTokens,
		OutputTokens: res.Usage.CompletionTokens,
		Model:        res.Model,
	}, nil
}

// Stream implements llm.Provider.
func (c *Client) Stream(ctx context.Context, r *llm.Request, delta func(string)) (*llm.Response, error) {
	p, err := c.params(r)
	if err != nil {
		return nil, err
	}
	p.StreamOptions.IncludeUsage = openai.Bool(true)
	s := c.c.Chat.Completions.NewStreaming(ctx, p)
	defer s.Close()
	out := &llm.Response{Model: r.Model}
	var text strings.Builder
	for s.Next() {
		ch := s.Current()
		if ch.Model != "" {
			out.Model = ch.Model
		}
		// include_usage puts the totals in a last chunk without choices.
		if ch.Usage.PromptTokens > 0 || ch.Usage.CompletionTokens > 0 {
			out.InputTokens = ch.Usage.PromptTokens
			out.OutputTokens = ch.Usage.CompletionTokens
		}
		for _, choice := range ch.Choices {
			if choice.Index == 0 && choice.Delta.Content != "" {
				text.WriteString(choice.Delta.Content)
				delta(choice.Delta.Content)
			}
		}
	}
	if err := s.Err(); err != nil {
		return nil, c.wrap(err)
	}
	if text.Len() == 0 {
		return nil, fmt.Errorf("openai: empty stream: %w", llm.ErrInvalidAnswer)
	}
	out.Text = text.String()
	return out, nil
}

// wrap turns an SDK error into an llm error without the key. The SDK's
// message quotes the request URL, which gateways may have put a key in.
func (c *Client) wrap(err error) error {
	var ae *openai.Error
	if errors.As(err, &ae) {
		var h http.Header
		if ae.Response != nil {
			h = ae.Response.Header
		}
		msg := ae.Message
		if msg == "" {
			msg = http.StatusText(ae.StatusCode)
		}
		return llm.StatusError("openai", ae.StatusCode, llm.ParseRetryAfter(h, time.Now()),
			errors.New(llm.RedactString(msg, c.key)))
	}
	return llm.Redact(err, c.key)
}
