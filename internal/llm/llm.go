// Package llm is the seam between AI Judge and the language-model
// providers. It defines one Provider interface that the Gemini, OpenAI and
// Anthropic clients (in the sub-packages named after them) implement, and
// Resilient, the single place where calls are retried, limited, broken and
// priced. Keeping every retry here, with the SDKs' own retries off, means a
// failing provider sees a bounded, predictable number of requests.
//
// Failures are *Error values whose Class says what went wrong in the
// providers' terms; what a failure means to a client is for the caller
// to say.
package llm

import (
	"context"
	"encoding/json"
	"time"
)

// Role says who wrote a Message.
type Role string

// The roles of a conversation. The system instruction is not a message; it
// travels in Request.System because every provider treats it specially.
const (
	User      Role = "user"
	Assistant Role = "assistant"
)

// Message is one turn of a conversation. Multi-turn requests exist for the
// repair call, which shows the model its own invalid answer.
type Message struct {
	Role Role
	Text string
}

// Request is one structured-output call.
type Request struct {
	// Model is the provider's model name. Resilient fills it from its
	// fallback chain when it is empty.
	Model string
	// System is the system instruction.
	System   string
	Messages []Message
	// Schema is the JSON Schema the answer must follow, given to the
	// provider natively; SchemaName names it (a-z, 0-9, _ and -, as
	// OpenAI requires).
	Schema     json.RawMessage
	SchemaName string
	// Temperature is nil for the provider's default, because some models
	// (OpenAI reasoning models) reject any explicit value.
	Temperature     *float64
	MaxOutputTokens int
}

// Response is a provider's complete answer.
type Response struct {
	// Text is the answer: the JSON document the schema describes.
	Text         string
	InputTokens  int64
	OutputTokens int64
	// Model is the model that answered, as the provider reports it.
	Model string

	// Filled by Resilient: the wall time of the whole call including
	// retries, the number of provider requests made, and the estimated
	// cost in US dollars.
	Latency  time.Duration
	Attempts int
	Cost     float64
}

// Provider is one language-model API. Implementations make exactly one
// HTTP request per call (no retries of their own), to the model the
// Request names. They report an HTTP error status as the *Error that
// StatusError builds and an answer nobody can use as ErrInvalidAnswer,
// and no error of theirs contains credentials.
type Provider interface {
	// Name is the provider's short name: "gemini", "openai", "anthropic".
	Name() string
	// Generate makes a complete call.
	Generate(ctx context.Context, r *Request) (*Response, error)
	// Stream makes a streamed call, passing the answer's text to delta as
	// it arrives, and returns the complete answer at the end.
	Stream(ctx context.Context, r *Request, delta func(string)) (*Response, error)
}
