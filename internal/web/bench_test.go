package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aijudge/aijudge/internal/telemetry"
	"github.com/aijudge/aijudge/internal/web"
)

// discardWriter is an http.ResponseWriter that keeps nothing, so that the
// benchmarks measure the handler and not a recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

// withJSONLogs logs every request as the server does, to nowhere.
func withJSONLogs(o *web.Options) { o.Logger = telemetry.NewLogger(io.Discard, slog.LevelInfo) }

// BenchmarkCachedJudgment is POST /api/cases/{id}/judgment for a judged
// case, through the whole middleware chain.
func BenchmarkCachedJudgment(b *testing.B) {
	s := newServer(b, webOption(withJSONLogs), webOption(func(o *web.Options) { o.APILimit, o.JudgeLimit = 1<<30, 1<<30 }))
	id := s.judged()
	h := s.Config.Handler
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			req := httptest.NewRequest("POST", "/api/cases/"+id+"/judgment", nil)
			clear(w.h)
			h.ServeHTTP(w, req)
		}
	})
}

// BenchmarkGetCase is GET /api/cases/{id}, served from the view cache.
func BenchmarkGetCase(b *testing.B) {
	s := newServer(b, webOption(withJSONLogs), webOption(func(o *web.Options) { o.APILimit = 1 << 30 }))
	id := s.judged()
	h := s.Config.Handler
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		w := &discardWriter{h: http.Header{}}
		for pb.Next() {
			clear(w.h)
			h.ServeHTTP(w, httptest.NewRequest("GET", "/api/cases/"+id, nil))
		}
	})
}

// BenchmarkFiling is POST /api/cases with a JSON body into SQLite.
func BenchmarkFiling(b *testing.B) {
	s := newServer(b, webOption(withJSONLogs), webOption(func(o *web.Options) { o.APILimit = 1 << 30 }))
	body, _ := json.Marshal(chequeCase())
	h := s.Config.Handler
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/cases", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusCreated {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}
