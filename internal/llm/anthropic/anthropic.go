// Package anthropic is the llm.Provider for Anthropic's Messages API, on
// the official github.com/anthropics/anthropic-sdk-go SDK. Structured
// output is a single tool whose input_schema is the answer's schema, with
// tool_choice forcing the model to call it; the tool's input is the answer.
package anthropic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/option"

	"github.com/aijudge/aijudge/internal/llm"
)

// defaultMaxTokens is sent when the request sets no limit, because the
// Messages API requires one.
const defaultMaxTokens = 4096

// Config configures a Client.
type Config struct {
	APIKey     string
	BaseURL    string
	HTTPClient *http.Client
}

// Client calls the Messages API.
type Client struct {
	c   anthropic.Client
	key string
}

var _ llm.Provider = (*Client)(nil)

// New returns a client. It does not contact the API.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("anthropic: an API key is required")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = llm.HTTPClient(nil)
	}
	opts := []option.RequestOption{
		// The configuration package resolves credentials; the SDK must not
		// pick up a different key or base URL from the environment.
		option.WithoutEnvironmentDefaults(),
		option.WithAPIKey(cfg.APIKey),
		option.WithHTTPClient(hc),
		option.WithMaxRetries(0), // llm.Resilient retries
	}
	if cfg.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(cfg.BaseURL))
	}
	return &Client{c: anthropic.NewClient(opts...), key: cfg.APIKey}, nil
}

// Name implements llm.Provider.
func (*Client) Name() string { return "anthropic" }

func (c *Client) params(r *llm.Request) (anthropic.MessageNewParams, string, error) {
	p := anthropic.MessageNewParams{
		Model:     anthropic.Model(r.Model),
		MaxTokens: defaultMaxTokens,
	}
	if r.MaxOutputTokens > 0 {
		p.MaxTokens = int64(r.MaxOutputTokens)
	}
	if r.System != "" {
		p.System = []anthropic.TextBlockParam{{Text: r.System}}
	}
	if r.Temperature != nil {
		p.Temperature = anthropic.Float(*r.Temperature)
	}
	for _, m := range r.Messages {
		if m.Role == llm.Assistant {
			p.Messages = append(p.Messages, anthropic.NewAssistantMessage(anthropic.NewTextBlock(m.Text)))
		} else {
			p.Messages = append(p.Messages, anthropic.NewUserMessage(anthropic.NewTextBlock(m.Text)))
		}
	}
	tool := r.SchemaName
	if tool == "" {
		tool = "answer"
	}
	if len(r.Schema) > 0 {
		// Raw properties keep their order, which the model follows.
		var schema map[string]json.RawMessage
		if err := json.Unmarshal(r.Schema, &schema); err != nil {
			return p, "", fmt.Errorf("anthropic: schema: %w", err)
		}
		in := anthropic.ToolInputSchemaParam{Properties: schema["properties"], ExtraFields: map[string]any{}}
		if err := json.Unmarshal(schema["required"], &in.Required); schema["required"] != nil && err != nil {
			return p, "", fmt.Errorf("anthropic: schema required: %w", err)
		}
		for k, v := range schema {
			switch k {
			case "properties", "required", "type", "title":
			default:
				in.ExtraFields[k] = v
			}
		}
		p.Tools = []anthropic.ToolUnionParam{{OfTool: &anthropic.ToolParam{
			Name:        tool,
			Description: anthropic.String("Record your answer. Call this exactly once with the complete answer."),
			InputSchema: in,
		}}}
		p.ToolChoice = anthropic.ToolChoiceParamOfTool(tool)
	}
	return p, tool, nil
}

// Generate implements llm.Provider.
func (c *Client) Generate(ctx context.Context, r *llm.Request) (*llm.Response, error) {
	p, tool, err := c.params(r)
	if err != nil {
		return nil, err
	}
	msg, err := c.c.Messages.New(ctx, p)
	if err != nil {
		return nil, c.wrap(err)
	}
	return answer(msg, tool)
}

// Stream implements llm.Provider. The tool's input arrives as
// input_json_delta fragments, which are the answer's JSON text.
func (c *Client) Stream(ctx context.Context, r *llm.Request, delta func(string)) (*llm.Response, error) {
	p, tool, err := c.params(r)
	if err != nil {
		return nil, err
	}
	s := c.c.Messages.NewStreaming(ctx, p)
	defer s.Close()
	var msg anthropic.Message
	for s.Next() {
		ev := s.Current()
		if err := msg.Accumulate(ev); err != nil {
			return nil, fmt.Errorf("anthropic: stream: %w: %w", llm.ErrInvalidAnswer, llm.Redact(err, c.key))
		}
		if ev.Type == "content_block_delta" {
			switch ev.Delta.Type {
			case "input_json_delta":
				delta(ev.Delta.PartialJSON)
			case "text_delta":
				delta(ev.Delta.Text)
			}
		}
	}
	if err := s.Err(); err != nil {
		return nil, c.wrap(err)
	}
	return answer(&msg, tool)
}

// answer takes the forced tool call's input as the answer's text. A model
// that wrote text instead is passed through, so that validation can ask
// it, once, to repair its answer.
func answer(msg *anthropic.Message, tool string) (*llm.Response, error) {
	out := &llm.Response{
		Model:        string(msg.Model),
		InputTokens:  msg.Usage.InputTokens + msg.Usage.CacheReadInputTokens + msg.Usage.CacheCreationInputTokens,
		OutputTokens: msg.Usage.OutputTokens,
	}
	var text string
	for _, b := range msg.Content {
		switch b.Type {
		case "tool_use":
			if b.Name == tool && len(b.Input) > 0 {
				out.Text = string(b.Input)
				return out, nil
			}
		case "text":
			text += b.Text
		}
	}
	if text == "" {
		return nil, fmt.Errorf("anthropic: no tool call (stop reason %q): %w", msg.StopReason, llm.ErrInvalidAnswer)
	}
	out.Text = text
	return out, nil
}

// wrap turns an SDK error into an llm error without the key.
func (c *Client) wrap(err error) error {
	var ae *anthropic.Error
	if errors.As(err, &ae) {
		var h http.Header
		if ae.Response != nil {
			h = ae.Response.Header
		}
		msg := http.StatusText(ae.StatusCode)
		var body struct {
			Error struct {
				Type    string `json:"type"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if json.Unmarshal([]byte(ae.RawJSON()), &body) == nil && body.Error.Message != "" {
			msg = body.Error.Type + ": " + body.Error.Message
		}
		return llm.StatusError("anthropic", ae.StatusCode, llm.ParseRetryAfter(h, time.Now()),
			errors.New(llm.RedactString(msg, c.key)))
	}
	return llm.Redact(err, c.key)
}
