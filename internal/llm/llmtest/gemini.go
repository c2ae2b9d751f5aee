package llmtest

import (
	"fmt"
	"net/http"
	"strings"
)

// serveGemini speaks POST /v1beta/models/{model}:generateContent and
// :streamGenerateContent?alt=sse with the key in x-goog-api-key.
func serveGemini(s *Server, w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1beta/models/")
	model, method, _ := strings.Cut(rest, ":")
	if !ok || r.Method != http.MethodPost || (method != "generateContent" && method != "streamGenerateContent") {
		geminiError(w, http.StatusNotFound, "NOT_FOUND", "not found", 0)
		return
	}
	if r.Header.Get("x-goog-api-key") != s.key {
		geminiError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", 0)
		return
	}
	body, req := readBody(r)
	stream := method == "streamGenerateContent"
	if stream && r.URL.Query().Get("alt") != "sse" {
		geminiError(w, http.StatusBadRequest, "INVALID_ARGUMENT", "alt=sse required by this fake", 0)
		return
	}
	name := ""
	var schema map[string]any
	if gc, ok := req["generationConfig"].(map[string]any); ok {
		if sc, ok := gc["responseJsonSchema"].(map[string]any); ok {
			schema = sc
			name, _ = sc["title"].(string)
		}
	}
	prompt := promptText(req)
	f, latency := s.next(Call{Stage: stageOf(name, prompt), Stream: stream, Model: model, Prompt: prompt, Schema: schema})
	if !wait(r, latency+f.Delay) {
		return
	}
	if f.Status != 0 {
		status := map[int]string{429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 404: "NOT_FOUND", 400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED"}[f.Status]
		retryAfterHeader(w, f.RetryAfter)
		geminiError(w, f.Status, status, "fake failure", f.RetryAfter.Seconds())
		return
	}
	text := f.Text
	if text == "" {
		text = s.answer(stageOf(name, prompt))
	}
	usage := map[string]any{"promptTokenCount": tokens(len(body)), "candidatesTokenCount": tokens(len(text)), "totalTokenCount": tokens(len(body)) + tokens(len(text))}
	s.usage(tokens(len(body)), tokens(len(text)))
	cand := func(t string, done bool) map[string]any {
		c := map[string]any{"content": map[string]any{"role": "model", "parts": []any{map[string]any{"text": t}}}, "index": 0}
		if done {
			c["finishReason"] = "STOP"
		}
		return c
	}
	if !stream {
		writeJSON(w, 200, map[string]any{"candidates": []any{cand(text, true)}, "usageMetadata": usage, "modelVersion": model, "responseId": "fake"})
		return
	}
	startSSE(w)
	parts := chunks(text, 24)
	for i, p := range parts {
		ch := map[string]any{"candidates": []any{cand(p, i == len(parts)-1)}, "modelVersion": model, "responseId": "fake"}
		if i == len(parts)-1 {
			ch["usageMetadata"] = usage
		}
		sse(w, "", ch)
	}
}

func geminiError(w http.ResponseWriter, code int, status, msg string, retrySeconds float64) {
	e := map[string]any{"code": code, "message": msg, "status": status}
	if retrySeconds > 0 {
		e["details"] = []any{map[string]any{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": fmt.Sprintf("%gs", retrySeconds)}}
	}
	writeJSON(w, code, map[string]any{"error": e})
}
