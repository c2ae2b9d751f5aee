package llmtest

import (
	"encoding/json"
	"net/http"
)

// serveAnthropic speaks POST /v1/messages with a forced tool, with and
// without stream, with the key in x-api-key.
func serveAnthropic(s *Server, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/messages" {
		anthropicError(w, http.StatusNotFound, "not_found_error", "Not found")
		return
	}
	if r.Header.Get("x-api-key") != s.key || r.Header.Get("anthropic-version") == "" {
		anthropicError(w, http.StatusUnauthorized, "authentication_error", "invalid x-api-key")
		return
	}
	body, req := readBody(r)
	model, _ := req["model"].(string)
	stream, _ := req["stream"].(bool)
	tool := ""
	if tc, ok := req["tool_choice"].(map[string]any); ok && tc["type"] == "tool" {
		tool, _ = tc["name"].(string)
	}
	var schema map[string]any
	if tools, ok := req["tools"].([]any); ok {
		for _, t := range tools {
			if t, ok := t.(map[string]any); ok && t["name"] == tool {
				schema, _ = t["input_schema"].(map[string]any)
			}
		}
	}
	prompt := promptText(map[string]any{"system": req["system"], "messages": req["messages"]})
	f, latency := s.next(Call{Stage: stageOf(tool, prompt), Stream: stream, Model: model, Prompt: prompt, Schema: schema})
	if !wait(r, latency+f.Delay) {
		return
	}
	if f.Status != 0 {
		typ := map[int]string{429: "rate_limit_error", 500: "api_error", 529: "overloaded_error", 503: "api_error", 400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error"}[f.Status]
		retryAfterHeader(w, f.RetryAfter)
		anthropicError(w, f.Status, typ, "fake failure")
		return
	}
	text := f.Text
	if text == "" {
		text = s.answer(stageOf(tool, prompt))
	}
	// A model that ignores the forced tool writes text; the fake does so
	// when told to answer with something that is not a JSON object.
	var obj map[string]any
	isTool := json.Unmarshal([]byte(text), &obj) == nil
	in, out := tokens(len(body)), tokens(len(text))
	s.usage(in, out)
	block := map[string]any{"type": "text", "text": text}
	stop := "end_turn"
	if isTool {
		block = map[string]any{"type": "tool_use", "id": "toolu_fake", "name": tool, "input": json.RawMessage(text)}
		stop = "tool_use"
	}
	msg := map[string]any{"id": "msg_fake", "type": "message", "role": "assistant", "model": model,
		"content": []any{block}, "stop_reason": stop, "stop_sequence": nil,
		"usage": map[string]any{"input_tokens": in, "output_tokens": out}}
	if !stream {
		writeJSON(w, 200, msg)
		return
	}
	startSSE(w)
	msg["content"] = []any{}
	msg["stop_reason"] = nil
	msg["usage"] = map[string]any{"input_tokens": in, "output_tokens": 1}
	sse(w, "message_start", map[string]any{"type": "message_start", "message": msg})
	start, deltaType, field := map[string]any{"type": "text", "text": ""}, "text_delta", "text"
	if isTool {
		start, deltaType, field = map[string]any{"type": "tool_use", "id": "toolu_fake", "name": tool, "input": map[string]any{}}, "input_json_delta", "partial_json"
	}
	sse(w, "content_block_start", map[string]any{"type": "content_block_start", "index": 0, "content_block": start})
	sse(w, "ping", map[string]any{"type": "ping"})
	for _, p := range chunks(text, 24) {
		sse(w, "content_block_delta", map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": deltaType, field: p}})
	}
	sse(w, "content_block_stop", map[string]any{"type": "content_block_stop", "index": 0})
	sse(w, "message_delta", map[string]any{"type": "message_delta", "delta": map[string]any{"stop_reason": stop, "stop_sequence": nil}, "usage": map[string]any{"output_tokens": out}})
	sse(w, "message_stop", map[string]any{"type": "message_stop"})
}

func anthropicError(w http.ResponseWriter, code int, typ, msg string) {
	writeJSON(w, code, map[string]any{"type": "error", "error": map[string]any{"type": typ, "message": msg}})
}
