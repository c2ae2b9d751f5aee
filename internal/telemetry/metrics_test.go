package telemetry_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/aijudge/aijudge/internal/telemetry"
)

// exercise calls every method once, so that every labelled metric has a
// series; the deploy test relies on it to know what the service exports.
func exercise(m *telemetry.Metrics) {
	m.ObserveHTTP("GET", "GET /api/cases/{id}", 200, 3*time.Millisecond)
	m.ObserveLLMCall(telemetry.LLMCall{Provider: "openai", Model: "gpt-4o-mini", Status: telemetry.LLMStatusOK,
		Duration: 2 * time.Second, InputTokens: 1200, OutputTokens: 300, Cost: 0.0042})
	m.CacheLookup("memory", "miss")
	m.CacheLookup("redis", "hit")
	m.ObserveDBQuery("case", 800*time.Microsecond)
	m.SetDBPoolStats(func() telemetry.DBPoolStats { return telemetry.DBPoolStats{Idle: 2, InUse: 3, Max: 10} })
	m.ObserveExtraction("pdf", 40*time.Millisecond, "")
	m.ObserveExtraction("docx", time.Millisecond, "unreadable")
	m.JudgmentRecorded("tentative")
	m.ArgumentRecorded("A")
	m.SetCircuitBreakerState("openai", telemetry.BreakerOpen)
	m.LLMCallInFlight("openai", 1)
	m.LLMCallWaiting("openai", 0)
}

// series returns the gathered metric families by name.
func series(t testing.TB, m *telemetry.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	mfs, err := m.Registry().Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := make(map[string]*dto.MetricFamily, len(mfs))
	for _, mf := range mfs {
		out[mf.GetName()] = mf
	}
	return out
}

func labels(m *dto.Metric) map[string]string {
	out := map[string]string{}
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}

func TestMetricsSeries(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{Currency: "EUR", Version: "v1.2.3"})
	exercise(m)
	fams := series(t, m)

	tests := []struct {
		name   string
		count  int // series in the family
		labels map[string]string
		value  float64 // counter or gauge value, or histogram sample count
	}{
		{"aijudge_http_request_duration_seconds", 1, map[string]string{"method": "GET", "route": "GET /api/cases/{id}", "status_code": "200"}, 1},
		{"aijudge_llm_api_calls_total", 1, map[string]string{"provider": "openai", "model": "gpt-4o-mini", "status": "ok"}, 1},
		{"aijudge_llm_request_duration_seconds", 1, map[string]string{"provider": "openai", "model": "gpt-4o-mini"}, 1},
		{"aijudge_llm_tokens_total", 2, map[string]string{"provider": "openai", "model": "gpt-4o-mini", "direction": "input"}, 1200},
		{"aijudge_llm_tokens_total", 2, map[string]string{"provider": "openai", "model": "gpt-4o-mini", "direction": "output"}, 300},
		{"aijudge_llm_cost_total", 1, map[string]string{"provider": "openai", "model": "gpt-4o-mini"}, 0.0042},
		{"aijudge_cache_requests_total", 2, map[string]string{"layer": "redis", "result": "hit"}, 1},
		{"aijudge_db_query_duration_seconds", 1, map[string]string{"operation": "case"}, 1},
		{"aijudge_db_pool_connections", 3, map[string]string{"state": "in_use"}, 3},
		{"aijudge_db_pool_connections", 3, map[string]string{"state": "max"}, 10},
		{"aijudge_document_extraction_duration_seconds", 2, map[string]string{"type": "pdf"}, 1},
		{"aijudge_document_extraction_failures_total", 1, map[string]string{"type": "docx", "reason": "unreadable"}, 1},
		{"aijudge_judgments_total", 1, map[string]string{"kind": "tentative"}, 1},
		{"aijudge_arguments_total", 1, map[string]string{"side": "A"}, 1},
		{"aijudge_circuit_breaker_state", 1, map[string]string{"provider": "openai"}, 2},
		{"aijudge_build_info", 1, map[string]string{"version": "v1.2.3"}, 1},
	}
	for _, tt := range tests {
		mf := fams[tt.name]
		if mf == nil {
			t.Errorf("%s: not exported", tt.name)
			continue
		}
		if got := len(mf.GetMetric()); got != tt.count {
			t.Errorf("%s: %d series, want %d", tt.name, got, tt.count)
		}
		found := false
	metrics:
		for _, s := range mf.GetMetric() {
			ls := labels(s)
			if len(ls) != len(tt.labels) {
				continue
			}
			for k, v := range tt.labels {
				if ls[k] != v {
					continue metrics
				}
			}
			found = true
			var got float64
			switch {
			case s.Histogram != nil:
				got = float64(s.GetHistogram().GetSampleCount())
			case s.Counter != nil:
				got = s.GetCounter().GetValue()
			case s.Gauge != nil:
				got = s.GetGauge().GetValue()
			}
			if got != tt.value {
				t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.value)
			}
		}
		if !found {
			t.Errorf("%s: no series with labels %v", tt.name, tt.labels)
		}
	}
	if h := fams["aijudge_llm_cost_total"].GetHelp(); !strings.Contains(h, "EUR") {
		t.Errorf("cost help %q does not name the currency", h)
	}
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total", "process_resident_memory_bytes"} {
		if fams[name] == nil {
			t.Errorf("%s: runtime or process collector missing", name)
		}
	}
}

// TestMetricsLabelsBounded feeds values a client or a provider controls and
// checks that they cannot grow the number of series without limit.
func TestMetricsLabelsBounded(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	for i := range 5000 {
		s := strings.Repeat("x", i%50) + string(rune('a'+i%26))
		m.ObserveHTTP("BREW"+s, "/raw/path/"+s+time.Duration(i).String(), 1000+i, time.Millisecond)
		m.ObserveLLMCall(telemetry.LLMCall{Provider: "openai", Model: "model-" + time.Duration(i).String(), Status: "weird"})
		m.CacheLookup("memory", s)
		m.ArgumentRecorded(s)
	}
	fams := series(t, m)
	for name, max := range map[string]int{
		"aijudge_http_request_duration_seconds": 513,
		"aijudge_llm_api_calls_total":           129,
		"aijudge_cache_requests_total":          1,
		"aijudge_arguments_total":               1,
	} {
		if got := len(fams[name].GetMetric()); got > max {
			t.Errorf("%s: %d series, want at most %d", name, got, max)
		}
	}
	for _, s := range fams["aijudge_http_request_duration_seconds"].GetMetric() {
		ls := labels(s)
		if ls["method"] != "OTHER" || ls["status_code"] != "other" {
			t.Fatalf("unbounded label values exported: %v", ls)
		}
	}
	for _, s := range fams["aijudge_llm_api_calls_total"].GetMetric() {
		if st := labels(s)["status"]; st != "error" {
			t.Fatalf("llm status %q, want unknown statuses counted as error", st)
		}
	}
}

func TestMetricsStatusZeroIs200(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	m.ObserveHTTP("GET", "", 0, time.Millisecond)
	s := series(t, m)["aijudge_http_request_duration_seconds"].GetMetric()[0]
	if ls := labels(s); ls["status_code"] != "200" || ls["route"] != "unmatched" {
		t.Errorf("labels %v, want status_code 200 and route unmatched", ls)
	}
}

func TestMetricsNilIsSafe(t *testing.T) {
	t.Parallel()
	var m *telemetry.Metrics
	exercise(m)
	m.SetDBPoolStats(nil)
	if m.Registry() != nil {
		t.Error("nil Metrics has a registry")
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("nil Metrics handler: %d, want 404", rec.Code)
	}
}

func TestMetricsPoolCallbackRemoved(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	m.SetDBPoolStats(func() telemetry.DBPoolStats { return telemetry.DBPoolStats{Max: 4} })
	if n := testutil.CollectAndCount(m.Registry(), "aijudge_db_pool_connections"); n != 3 {
		t.Errorf("pool gauges: %d series, want 3", n)
	}
	m.SetDBPoolStats(nil)
	if n := testutil.CollectAndCount(m.Registry(), "aijudge_db_pool_connections"); n != 0 {
		t.Errorf("pool gauges after removal: %d series, want 0", n)
	}
}

func TestMetricsHandler(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	exercise(m)
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics: %d", res.StatusCode)
	}
	for _, want := range []string{
		`aijudge_http_request_duration_seconds_bucket{method="GET",route="GET /api/cases/{id}",status_code="200",le="0.005"} 1`,
		`aijudge_circuit_breaker_state{provider="openai"} 2`,
		`aijudge_db_pool_connections{state="idle"} 2`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("exposition lacks %s", want)
		}
	}
}

// TestMetricsConcurrent is for the race detector: children are created
// while others are being read.
func TestMetricsConcurrent(t *testing.T) {
	t.Parallel()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				m.ObserveHTTP("GET", "/r"+string(rune('a'+(g+i)%20)), 200+i%5, time.Millisecond)
				m.CacheLookup("memory", "hit")
			}
		})
	}
	wg.Wait()
	if got := testutil.CollectAndCount(m.Registry(), "aijudge_http_request_duration_seconds"); got != 100 {
		t.Errorf("%d http series, want 100", got)
	}
	if got := counterOf(t, m); got != 1600 {
		t.Errorf("memory hits %v, want 1600", got)
	}
}

func counterOf(t *testing.T, m *telemetry.Metrics) float64 {
	t.Helper()
	for _, s := range series(t, m)["aijudge_cache_requests_total"].GetMetric() {
		return s.GetCounter().GetValue()
	}
	return 0
}

func BenchmarkMetrics(b *testing.B) {
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	exercise(m)
	call := telemetry.LLMCall{Provider: "openai", Model: "gpt-4o-mini", Status: telemetry.LLMStatusOK,
		Duration: time.Second, InputTokens: 10, OutputTokens: 5, Cost: 0.001}
	b.Run("ObserveHTTP", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				m.ObserveHTTP("GET", "GET /api/cases/{id}", 200, 3*time.Millisecond)
			}
		})
	})
	b.Run("ObserveHTTP/serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.ObserveHTTP("GET", "GET /api/cases/{id}", 200, 3*time.Millisecond)
		}
	})
	// The baseline the cached children are measured against: resolving
	// the labels on every call, as a plain HistogramVec does.
	b.Run("WithLabelValues/serial", func(b *testing.B) {
		h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "h", Buckets: prometheus.DefBuckets},
			[]string{"method", "route", "status_code"})
		b.ReportAllocs()
		for b.Loop() {
			h.WithLabelValues("GET", "GET /api/cases/{id}", strconv.Itoa(200)).Observe(0.003)
		}
	})
	b.Run("CacheLookup", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				m.CacheLookup("memory", "hit")
			}
		})
	})
	b.Run("ObserveDBQuery", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				m.ObserveDBQuery("case", time.Millisecond)
			}
		})
	})
	b.Run("ObserveLLMCall", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.ObserveLLMCall(call)
		}
	})
	b.Run("nil", func(b *testing.B) {
		var m *telemetry.Metrics
		b.ReportAllocs()
		for b.Loop() {
			m.ObserveHTTP("GET", "GET /api/cases/{id}", 200, 3*time.Millisecond)
		}
	})
}
