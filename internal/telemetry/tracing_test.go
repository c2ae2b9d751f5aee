package telemetry_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"

	"github.com/aijudge/aijudge/internal/telemetry"
)

// receiver keeps the spans an OTLP exporter sent it.
type receiver struct {
	mu       sync.Mutex
	spans    []*tracepb.Span
	services []string
	headers  []string // the test header's value on each export
}

func (rc *receiver) add(req *collectortrace.ExportTraceServiceRequest, header string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.headers = append(rc.headers, header)
	for _, rs := range req.GetResourceSpans() {
		for _, a := range rs.GetResource().GetAttributes() {
			if a.GetKey() == "service.name" {
				rc.services = append(rc.services, a.GetValue().GetStringValue())
			}
		}
		for _, ss := range rs.GetScopeSpans() {
			rc.spans = append(rc.spans, ss.GetSpans()...)
		}
	}
}

// ServeHTTP is OTLP/HTTP with protobuf bodies, as a collector serves it.
func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/traces" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = zr
	}
	b, err := io.ReadAll(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := &collectortrace.ExportTraceServiceRequest{}
	if err := proto.Unmarshal(b, req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rc.add(req, r.Header.Get("X-Test"))
	out, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.Write(out)
}

// grpcReceiver is the same over OTLP/gRPC.
type grpcReceiver struct {
	collectortrace.UnimplementedTraceServiceServer
	rc *receiver
}

func (g grpcReceiver) Export(_ context.Context, req *collectortrace.ExportTraceServiceRequest) (*collectortrace.ExportTraceServiceResponse, error) {
	g.rc.add(req, "")
	return &collectortrace.ExportTraceServiceResponse{}, nil
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// emit makes the spans of one request as the service will: an HTTP
// server span, a database child and an LLM child.
func emit(t *testing.T, tp trace.TracerProvider) {
	t.Helper()
	tr := telemetry.Tracer(tp)
	ctx, root := tr.Start(context.Background(), "POST /api/cases/{id}/judgment", trace.WithSpanKind(trace.SpanKindServer))
	_, db := tr.Start(ctx, "db case", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("db.operation.name", "case")))
	db.End()
	_, llm := telemetry.StartLLMSpan(ctx, tr, "gemini", "gemini-2.5-flash")
	telemetry.EndLLMSpan(llm, 1500, 400, errors.New("provider said no"))
	root.End()
}

// TestSetupTracingExports sets the process environment, as the SDK reads
// it there, so it and its subtests cannot run in parallel.
func TestSetupTracingExports(t *testing.T) {
	tests := []struct {
		name  string
		proto string
		extra map[string]string
	}{
		{"http/protobuf", "", map[string]string{"OTEL_EXPORTER_OTLP_HEADERS": "x-test=a%20b", "OTEL_SERVICE_NAME": "aijudge-test"}},
		{"http/protobuf gzip per-signal", "http/protobuf", map[string]string{"OTEL_EXPORTER_OTLP_TRACES_COMPRESSION": "gzip"}},
		{"grpc", "grpc", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := &receiver{}
			vars := map[string]string{"OTEL_EXPORTER_OTLP_PROTOCOL": tt.proto}
			for k, v := range tt.extra {
				vars[k] = v
			}
			if tt.proto == "grpc" {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				gs := grpc.NewServer()
				collectortrace.RegisterTraceServiceServer(gs, grpcReceiver{rc: rc})
				go gs.Serve(ln)
				defer gs.Stop()
				vars["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://" + ln.Addr().String()
			} else {
				srv := httptest.NewServer(rc)
				defer srv.Close()
				if strings.Contains(tt.name, "per-signal") {
					vars["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = srv.URL + "/v1/traces"
					vars["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1" // must lose
				} else {
					vars["OTEL_EXPORTER_OTLP_ENDPOINT"] = srv.URL + "/"
				}
			}

			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			for k, v := range vars {
				t.Setenv(k, v)
			}
			tp, shutdown, err := telemetry.SetupTracing(ctx, os.Getenv)
			if err != nil {
				t.Fatal(err)
			}
			emit(t, tp)
			if err := shutdown(ctx); err != nil {
				t.Fatalf("shutdown: %v", err)
			}

			rc.mu.Lock()
			defer rc.mu.Unlock()
			if len(rc.spans) != 3 {
				t.Fatalf("receiver got %d spans, want 3", len(rc.spans))
			}
			byName := map[string]*tracepb.Span{}
			for _, s := range rc.spans {
				byName[s.GetName()] = s
				if !bytes.Equal(s.GetTraceId(), rc.spans[0].GetTraceId()) {
					t.Errorf("span %q in trace %x, want all in %x", s.GetName(), s.GetTraceId(), rc.spans[0].GetTraceId())
				}
			}
			root := byName["POST /api/cases/{id}/judgment"]
			llm := byName["chat gemini-2.5-flash"]
			if root == nil || llm == nil || byName["db case"] == nil {
				t.Fatalf("spans %v, want the request, db and llm spans", keys(byName))
			}
			for _, child := range []*tracepb.Span{byName["db case"], llm} {
				if !bytes.Equal(child.GetParentSpanId(), root.GetSpanId()) {
					t.Errorf("%q is not a child of the request span", child.GetName())
				}
			}
			attrs := map[string]string{}
			for _, a := range llm.GetAttributes() {
				v := a.GetValue()
				switch {
				case v.GetStringValue() != "":
					attrs[a.GetKey()] = v.GetStringValue()
				default:
					b, _ := json.Marshal(v.GetIntValue())
					attrs[a.GetKey()] = string(b)
				}
			}
			for k, want := range map[string]string{
				"gen_ai.provider.name": "gcp.gemini", "gen_ai.system": "gcp.gemini",
				"gen_ai.request.model": "gemini-2.5-flash", "gen_ai.operation.name": "chat",
				"gen_ai.usage.input_tokens": "1500", "gen_ai.usage.output_tokens": "400",
			} {
				if attrs[k] != want {
					t.Errorf("llm span %s = %q, want %q", k, attrs[k], want)
				}
			}
			if llm.GetStatus().GetCode() != tracepb.Status_STATUS_CODE_ERROR || llm.GetKind() != tracepb.Span_SPAN_KIND_CLIENT {
				t.Errorf("llm span status %v kind %v, want error and client", llm.GetStatus(), llm.GetKind())
			}
			wantService := "aijudge"
			if s := vars["OTEL_SERVICE_NAME"]; s != "" {
				wantService = s
			}
			if len(rc.services) == 0 || rc.services[0] != wantService {
				t.Errorf("service.name %v, want %q", rc.services, wantService)
			}
			if want := tt.extra["OTEL_EXPORTER_OTLP_HEADERS"]; want != "" && (len(rc.headers) == 0 || rc.headers[0] != "a b") {
				t.Errorf("X-Test header %q, want the decoded configured value", rc.headers)
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSetupTracingOff(t *testing.T) {
	t.Parallel()
	for name, vars := range map[string]map[string]string{
		"no endpoint": {"OTEL_TRACES_SAMPLER": "always_on"},
		"disabled":    {"OTEL_SDK_DISABLED": "true", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:1"},
	} {
		tp, shutdown, err := telemetry.SetupTracing(context.Background(), env(vars))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, span := telemetry.Tracer(tp).Start(context.Background(), "x")
		if span.IsRecording() || span.SpanContext().IsValid() {
			t.Errorf("%s: spans are recorded", name)
		}
		span.End()
		if err := shutdown(context.Background()); err != nil {
			t.Errorf("%s: shutdown: %v", name, err)
		}
	}
}

func TestSetupTracingRejectsBadSettings(t *testing.T) {
	t.Parallel()
	base := func(k, v string) map[string]string {
		return map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", k: v}
	}
	tests := []struct {
		vars    map[string]string
		setting string
	}{
		{base("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"), "OTEL_EXPORTER_OTLP_PROTOCOL"},
		{base("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "carrier-pigeon"), "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"},
		{base("OTEL_TRACES_SAMPLER", "sometimes"), "OTEL_TRACES_SAMPLER"},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x:1", "OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "2"}, "OTEL_TRACES_SAMPLER_ARG"},
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318"}, "OTEL_EXPORTER_OTLP_ENDPOINT"},
		{base("OTEL_EXPORTER_OTLP_HEADERS", "authorization"), "OTEL_EXPORTER_OTLP_HEADERS"},
		{base("OTEL_EXPORTER_OTLP_TIMEOUT", "10s"), "OTEL_EXPORTER_OTLP_TIMEOUT"},
	}
	for _, tt := range tests {
		_, _, err := telemetry.SetupTracing(context.Background(), env(tt.vars))
		if err == nil || !strings.HasPrefix(err.Error(), tt.setting) {
			t.Errorf("%v: error %v, want one naming %s", tt.vars, err, tt.setting)
		}
	}
	// A header value is a credential: it must not appear in the error.
	_, _, err := telemetry.SetupTracing(context.Background(),
		env(base("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%zzsecret")))
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad header error %v: want an error that does not echo the value", err)
	}
}

// TestSamplerRatioZeroDropsRoots sets the process environment, where the
// SDK reads the sampler.
func TestSamplerRatioZeroDropsRoots(t *testing.T) {
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)
	t.Setenv("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
	t.Setenv("OTEL_TRACES_SAMPLER_ARG", "0")
	tp, shutdown, err := telemetry.SetupTracing(context.Background(), os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	emit(t, tp)
	shutdown(context.Background())
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.spans) != 0 {
		t.Errorf("%d spans exported at ratio 0", len(rc.spans))
	}
}

func TestLoggerAddsTraceIDs(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := telemetry.NewLogger(&buf, slog.LevelInfo)

	// A remote parent, as propagated from a caller's traceparent header.
	carrier := propagation.MapCarrier{"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
	ctx := telemetry.Propagator().Extract(context.Background(), carrier)
	ctx = telemetry.WithRequestID(ctx, "req-1")
	log.InfoContext(ctx, "traced")
	log.InfoContext(context.Background(), "untraced")

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var traced, untraced map[string]any
	json.Unmarshal([]byte(lines[0]), &traced)
	json.Unmarshal([]byte(lines[1]), &untraced)
	if traced["trace_id"] != "4bf92f3577b34da6a3ce929d0e0e4736" || traced["span_id"] != "00f067aa0ba902b7" || traced["request_id"] != "req-1" {
		t.Errorf("traced line %s: want trace_id, span_id and request_id", lines[0])
	}
	if _, ok := untraced["trace_id"]; ok {
		t.Errorf("untraced line %s has a trace_id", lines[1])
	}
}

// TestLoggerGCP: LOG_FORMAT=gcp writes the keys Cloud Logging reads a
// severity and a message from, and keeps the request and trace ids.
func TestLoggerGCP(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := telemetry.NewLoggerFormat(&buf, slog.LevelDebug, "gcp")
	ctx := telemetry.WithRequestID(context.Background(), "req-1")
	log.DebugContext(ctx, "d")
	log.InfoContext(ctx, "i", "level", "not the severity")
	log.WarnContext(ctx, "w")
	log.ErrorContext(ctx, "e")
	log.WithGroup("g").Info("grouped", "msg", "kept")
	want := []string{"DEBUG", "INFO", "WARNING", "ERROR", "INFO"}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if m["severity"] != want[i] || m["message"] == nil || m["msg"] != nil {
			t.Errorf("line %s: want severity %s and message, no msg", l, want[i])
		}
		if i < 4 && m["request_id"] != "req-1" {
			t.Errorf("line %s: no request_id", l)
		}
	}
	if !strings.Contains(lines[4], `"g":{"msg":"kept"}`) {
		t.Errorf("a group's own msg was renamed: %s", lines[4])
	}
}

func TestEndLLMSpanWithoutTracer(t *testing.T) {
	t.Parallel()
	// A nil tracer must not end the caller's span.
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	tp, shutdown, err := telemetry.SetupTracing(context.Background(), env(map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": srv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, parent := telemetry.Tracer(tp).Start(context.Background(), "parent")
	_, s := telemetry.StartLLMSpan(ctx, nil, "openai", "gpt-4o")
	telemetry.EndLLMSpan(s, 1, 1, nil)
	if !parent.IsRecording() {
		t.Fatal("EndLLMSpan with a nil tracer ended the parent span")
	}
	parent.End()
	shutdown(context.Background())
}
