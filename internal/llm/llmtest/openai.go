package llmtest

import (
	"net/http"
	"strings"
	"time"
)

// serveOpenAI speaks POST /v1/chat/completions, with and without stream,
// with the key as a bearer token.
func serveOpenAI(s *Server, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		openAIError(w, http.StatusNotFound, "invalid_request_error", "Unknown request URL")
		return
	}
	if s.key != "" && r.Header.Get("Authorization") != "Bearer "+s.key {
		openAIError(w, http.StatusUnauthorized, "invalid_request_error", "Incorrect API key provided.")
		return
	}
	body, req := readBody(r)
	model, _ := req["model"].(string)
	stream, _ := req["stream"].(bool)
	name := ""
	var schema map[string]any
	if rf, ok := req["response_format"].(map[string]any); ok && rf["type"] == "json_schema" {
		if js, ok := rf["json_schema"].(map[string]any); ok && js["strict"] == true {
			name, _ = js["name"].(string)
			schema, _ = js["schema"].(map[string]any)
		}
	}
	prompt := promptText(req["messages"])
	f, latency := s.next(Call{Stage: stageOf(name, prompt), Stream: stream, Model: model, Prompt: prompt, Schema: schema})
	if !wait(r, latency+f.Delay) {
		return
	}
	if f.Status != 0 {
		typ := "server_error"
		if f.Status == 429 {
			typ = "rate_limit_error"
		} else if f.Status < 500 {
			typ = "invalid_request_error"
		}
		retryAfterHeader(w, f.RetryAfter)
		openAIError(w, f.Status, typ, "fake failure")
		return
	}
	text := f.Text
	if text == "" {
		text = s.answer(stageOf(name, prompt))
	}
	usage := map[string]any{"prompt_tokens": tokens(len(body)), "completion_tokens": tokens(len(text)), "total_tokens": tokens(len(body)) + tokens(len(text))}
	s.usage(tokens(len(body)), tokens(len(text)))
	created := time.Now().Unix()
	if !stream {
		writeJSON(w, 200, map[string]any{
			"id": "chatcmpl-fake", "object": "chat.completion", "created": created, "model": model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": text, "refusal": nil}}},
			"usage": usage,
		})
		return
	}
	startSSE(w)
	chunk := func(choices []any) map[string]any {
		return map[string]any{"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created, "model": model, "choices": choices, "usage": nil}
	}
	sse(w, "", chunk([]any{map[string]any{"index": 0, "delta": map[string]any{"role": "assistant", "content": ""}, "finish_reason": nil}}))
	for _, p := range chunks(text, 24) {
		sse(w, "", chunk([]any{map[string]any{"index": 0, "delta": map[string]any{"content": p}, "finish_reason": nil}}))
	}
	sse(w, "", chunk([]any{map[string]any{"index": 0, "delta": map[string]any{}, "finish_reason": "stop"}}))
	last := chunk([]any{})
	last["usage"] = usage
	sse(w, "", last)
	_, _ = w.Write([]byte("data: [DONE]\n\n"))
}

func openAIError(w http.ResponseWriter, code int, typ, msg string) {
	writeJSON(w, code, map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": strings.ReplaceAll(typ, "_error", "")}})
}
