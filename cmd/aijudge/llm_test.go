package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

// runTrial takes a case from filing to final verdict through the API and
// returns the tentative judgment.
func runTrial(t *testing.T, base string) map[string]any {
	t.Helper()
	call := func(path, body string, want int) map[string]any {
		t.Helper()
		res, err := http.Post(base+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		if res.StatusCode != want {
			t.Fatalf("POST %s: %d %v", path, res.StatusCode, out)
		}
		return out
	}
	filing := `{"caseType":"consumer","jurisdiction":"INDIA",
		"sideASummary":"The phone bought for Rs. 45,000 on 3 January 2025 failed within a week.",
		"sideAEvidence":["Invoice of 3 January 2025"],
		"sideBSummary":"The phone was damaged by water, which the warranty excludes.",
		"sideBEvidence":["Technician report"]}`
	id := call("/api/cases", filing, 201)["caseId"].(string)
	tentative := call("/api/cases/"+id+"/judgment", "", 200)
	for i := range 5 {
		side := []string{"A", "B"}[i%2]
		a := call("/api/cases/"+id+"/arguments", `{"side":"`+side+`","argument":"Argument `+string(rune('1'+i))+` about the invoice."}`, 200)
		if a["remainingArguments"] != float64(4-i) {
			t.Fatalf("argument %d: %v", i+1, a)
		}
	}
	call("/api/cases/"+id+"/arguments", `{"side":"A","argument":"A sixth."}`, 409)
	if f := call("/api/cases/"+id+"/final-verdict", "", 200); f["kind"] != "final" {
		t.Fatalf("final verdict: %v", f)
	}
	return tentative
}

// TestProvidersEndToEnd runs a whole case through the real program with
// each provider's official SDK talking to a fake server on 127.0.0.1 that
// speaks that provider's wire protocol.
func TestProvidersEndToEnd(t *testing.T) {
	t.Parallel()
	for _, provider := range []string{"gemini", "openai", "anthropic"} {
		t.Run(provider, func(t *testing.T) {
			t.Parallel()
			fake, err := llmtest.New(provider, llmtest.Key)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(fake.Close)
			up := strings.ToUpper(provider)
			var logs syncWriter
			logs.w = &bytes.Buffer{}
			base, stop := startServerLogs(t, map[string]string{
				"AUTH_MODE": "open", "LLM_PROVIDER": provider, "LOG_LEVEL": "debug",
				up + "_API_KEY": llmtest.Key, up + "_BASE_URL": fake.BaseURL(), up + "_MODEL": "model-a",
			}, &logs)
			j := runTrial(t, base)
			if info := j["judge"].(map[string]any); info["provider"] != provider || info["model"] != "model-a" {
				t.Errorf("judge: %v", info)
			}
			if len(fake.Calls()) < 7 {
				t.Errorf("the provider saw %d calls, want at least 7", len(fake.Calls()))
			}
			checkMetrics(t, base, map[string]bool{
				`aijudge_llm_api_calls_total{model="model-a",provider="` + provider + `",status="ok"}`:    false,
				`aijudge_llm_tokens_total{direction="input",model="model-a",provider="` + provider + `"}`: false,
				`aijudge_llm_request_duration_seconds_count{model="model-a",provider="` + provider + `"}`: false,
				`aijudge_circuit_breaker_state{provider="` + provider + `"} 0`:                            true,
				`aijudge_llm_cost_total{model="model-a",provider="` + provider + `"}`:                     false,
			})
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			logs.mu.Lock()
			defer logs.mu.Unlock()
			text := logs.w.(*bytes.Buffer).String()
			if !strings.Contains(text, `"provider":"`+provider+`"`) {
				t.Errorf("the start-up log does not name the judge")
			}
			if strings.Contains(text, llmtest.Key) {
				t.Errorf("the API key appears in the logs")
			}
		})
	}
}

// TestTraceOfOneJudgment exports traces to an OTLP receiver on 127.0.0.1
// and checks that the HTTP, database and LLM spans of one judgment share
// one trace id.
func TestTraceOfOneJudgment(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	spans := map[string][]string{} // trace id → span names
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body io.Reader = r.Body
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			body = zr
		}
		b, _ := io.ReadAll(body)
		var req collectortrace.ExportTraceServiceRequest
		if err := proto.Unmarshal(b, &req); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		mu.Lock()
		for _, rs := range req.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				for _, sp := range ss.Spans {
					id := string(sp.TraceId)
					spans[id] = append(spans[id], sp.Name)
				}
			}
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/x-protobuf")
		out, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
		w.Write(out)
	}))
	t.Cleanup(receiver.Close)
	fake, err := llmtest.New("openai", llmtest.Key)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	base, stop := startServer(t, map[string]string{
		"AUTH_MODE": "open", "LLM_PROVIDER": "openai", "OPENAI_API_KEY": llmtest.Key, "OPENAI_BASE_URL": fake.BaseURL(),
		"OTEL_EXPORTER_OTLP_ENDPOINT": receiver.URL, "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
	})
	runTrial(t, base)
	if err := stop(); err != nil { // flushes the exporter
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, names := range spans {
		all := strings.Join(names, "|")
		if strings.Contains(all, "POST /api/cases/{id}/judgment") && strings.Contains(all, "db ") && strings.Contains(all, "chat") {
			return
		}
	}
	t.Fatalf("no trace holds the HTTP, database and LLM spans of one judgment: %v", spans)
}
