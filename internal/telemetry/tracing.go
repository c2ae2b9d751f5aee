package telemetry

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// TracerName is the instrumentation scope of the service's own spans.
const TracerName = "github.com/aijudge/aijudge"

// Tracer returns the service's tracer from tp; a nil tp gives a no-op one.
func Tracer(tp trace.TracerProvider) trace.Tracer {
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	return tp.Tracer(TracerName)
}

// Propagator is W3C trace context plus baggage: what otelhttp should read
// from incoming requests and write to outgoing ones. It is returned rather
// than installed globally, so that wiring stays explicit.
func Propagator() propagation.TextMapPropagator {
	return propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{})
}

// SetupTracing builds a tracer provider from the standard OTEL_* settings
// read through getenv:
//
//   - OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, used as it is, or
//     OTEL_EXPORTER_OTLP_ENDPOINT, to which /v1/traces is added for HTTP;
//   - OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL: http/protobuf (default) or grpc;
//   - OTEL_EXPORTER_OTLP_[TRACES_]HEADERS, _TIMEOUT (ms) and _COMPRESSION;
//   - OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG (default
//     parentbased_always_on);
//   - OTEL_SERVICE_NAME (default "aijudge") and OTEL_RESOURCE_ATTRIBUTES;
//   - OTEL_SDK_DISABLED=true turns tracing off.
//
// Without an endpoint it returns a no-op provider: spans cost next to
// nothing and nothing is exported. shutdown flushes the spans still
// buffered; call it after the server has drained. A setting that cannot
// work is an error naming it, so that start-up fails rather than tracing
// silently going nowhere. The exporter connects lazily: a collector that
// is down does not delay start-up.
func SetupTracing(ctx context.Context, getenv func(string) string) (tp trace.TracerProvider, shutdown func(context.Context) error, err error) {
	noShutdown := func(context.Context) error { return nil }
	if strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true") {
		return noop.NewTracerProvider(), noShutdown, nil
	}
	endpoint, perSignal := getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), true
	if endpoint == "" {
		endpoint, perSignal = getenv("OTEL_EXPORTER_OTLP_ENDPOINT"), false
	}
	if endpoint == "" {
		return noop.NewTracerProvider(), noShutdown, nil
	}

	sampler, err := samplerFrom(getenv)
	if err != nil {
		return nil, nil, err
	}
	exp, err := exporterFrom(ctx, getenv, endpoint, perSignal)
	if err != nil {
		return nil, nil, err
	}
	res, err := resourceFrom(ctx, getenv)
	if err != nil {
		return nil, nil, err
	}
	p := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithSampler(sampler),
		sdktrace.WithResource(res),
	)
	return p, p.Shutdown, nil
}

// signalEnv returns the traces-specific setting or, failing that, the
// general one, with the name it came from for error messages.
func signalEnv(getenv func(string) string, suffix string) (value, name string) {
	name = "OTEL_EXPORTER_OTLP_TRACES_" + suffix
	if v := getenv(name); v != "" {
		return v, name
	}
	name = "OTEL_EXPORTER_OTLP_" + suffix
	return getenv(name), name
}

func exporterFrom(ctx context.Context, getenv func(string) string, endpoint string, perSignal bool) (sdktrace.SpanExporter, error) {
	endpointName := "OTEL_EXPORTER_OTLP_ENDPOINT"
	if perSignal {
		endpointName = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
	}
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s=%q: want a URL such as http://collector:4318", endpointName, endpoint)
	}
	headers, name := signalEnv(getenv, "HEADERS")
	hdr, err := parseKeyValues(headers)
	if err != nil {
		// The value may hold an API key: name the setting, never echo it.
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var timeout time.Duration
	if v, name := signalEnv(getenv, "TIMEOUT"); v != "" {
		ms, err := strconv.Atoi(v)
		if err != nil || ms <= 0 {
			return nil, fmt.Errorf("%s=%q: want milliseconds", name, v)
		}
		timeout = time.Duration(ms) * time.Millisecond
	}
	compression, compressionName := signalEnv(getenv, "COMPRESSION")
	switch compression {
	case "", "none", "gzip":
	default:
		return nil, fmt.Errorf("%s=%q: want gzip or none", compressionName, compression)
	}

	protocol, protocolName := signalEnv(getenv, "PROTOCOL")
	switch protocol {
	case "", "http/protobuf":
		if !perSignal {
			u.Path = strings.TrimSuffix(u.Path, "/") + "/v1/traces"
		}
		opts := []otlptracehttp.Option{otlptracehttp.WithEndpointURL(u.String())}
		if len(hdr) > 0 {
			opts = append(opts, otlptracehttp.WithHeaders(hdr))
		}
		if timeout > 0 {
			opts = append(opts, otlptracehttp.WithTimeout(timeout))
		}
		if compression == "gzip" {
			opts = append(opts, otlptracehttp.WithCompression(otlptracehttp.GzipCompression))
		} else {
			opts = append(opts, otlptracehttp.WithCompression(otlptracehttp.NoCompression))
		}
		return otlptracehttp.New(ctx, opts...)
	case "grpc":
		opts := []otlptracegrpc.Option{otlptracegrpc.WithEndpointURL(u.String())}
		if len(hdr) > 0 {
			opts = append(opts, otlptracegrpc.WithHeaders(hdr))
		}
		if timeout > 0 {
			opts = append(opts, otlptracegrpc.WithTimeout(timeout))
		}
		if compression == "gzip" {
			opts = append(opts, otlptracegrpc.WithCompressor("gzip"))
		}
		return otlptracegrpc.New(ctx, opts...)
	}
	return nil, fmt.Errorf("%s=%q: want http/protobuf or grpc", protocolName, protocol)
}

func samplerFrom(getenv func(string) string) (sdktrace.Sampler, error) {
	name := strings.TrimSpace(getenv("OTEL_TRACES_SAMPLER"))
	arg := strings.TrimSpace(getenv("OTEL_TRACES_SAMPLER_ARG"))
	ratio := func() (float64, error) {
		if arg == "" {
			return 1, nil
		}
		f, err := strconv.ParseFloat(arg, 64)
		if err != nil || f < 0 || f > 1 {
			return 0, fmt.Errorf("OTEL_TRACES_SAMPLER_ARG=%q: want a ratio from 0 to 1", arg)
		}
		return f, nil
	}
	switch name {
	case "", "parentbased_always_on":
		return sdktrace.ParentBased(sdktrace.AlwaysSample()), nil
	case "always_on":
		return sdktrace.AlwaysSample(), nil
	case "always_off":
		return sdktrace.NeverSample(), nil
	case "parentbased_always_off":
		return sdktrace.ParentBased(sdktrace.NeverSample()), nil
	case "traceidratio", "parentbased_traceidratio":
		r, err := ratio()
		if err != nil {
			return nil, err
		}
		if name == "traceidratio" {
			return sdktrace.TraceIDRatioBased(r), nil
		}
		return sdktrace.ParentBased(sdktrace.TraceIDRatioBased(r)), nil
	}
	return nil, fmt.Errorf("OTEL_TRACES_SAMPLER=%q: want always_on, always_off, traceidratio or their parentbased_ forms", name)
}

func resourceFrom(ctx context.Context, getenv func(string) string) (*resource.Resource, error) {
	kv, err := parseKeyValues(getenv("OTEL_RESOURCE_ATTRIBUTES"))
	if err != nil {
		return nil, fmt.Errorf("OTEL_RESOURCE_ATTRIBUTES: %w", err)
	}
	attrs := make([]attribute.KeyValue, 0, len(kv)+1)
	for k, v := range kv {
		attrs = append(attrs, attribute.String(k, v))
	}
	service := getenv("OTEL_SERVICE_NAME")
	if service == "" {
		service = kv["service.name"]
	}
	if service == "" {
		service = "aijudge"
	}
	attrs = append(attrs, attribute.String("service.name", service))
	// In Kubernetes the host name is the pod's, which is what an on-call
	// engineer needs to find its logs.
	r, err := resource.New(ctx, resource.WithTelemetrySDK(), resource.WithHost(), resource.WithAttributes(attrs...))
	if err != nil && r == nil {
		return nil, err
	}
	// A detector that failed partially still leaves a usable resource.
	return r, nil
}

// parseKeyValues parses the W3C-baggage-like lists of the OTel settings:
// key1=value1,key2=value2 with URL-encoded values.
func parseKeyValues(s string) (map[string]string, error) {
	out := map[string]string{}
	for item := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, errors.New("want key=value pairs separated by commas")
		}
		uv, err := url.PathUnescape(strings.TrimSpace(v))
		if err != nil {
			return nil, errors.New("a value is not URL-encoded correctly")
		}
		out[k] = uv
	}
	return out, nil
}

// StartLLMSpan starts a client span for one call to a language model,
// named and attributed as the OpenTelemetry GenAI conventions ask so that
// trace back ends recognise it. End it with EndLLMSpan.
func StartLLMSpan(ctx context.Context, tracer trace.Tracer, provider, model string) (context.Context, trace.Span) {
	if tracer == nil {
		// Not SpanFromContext: EndLLMSpan would then end the caller's span.
		tracer = noop.NewTracerProvider().Tracer(TracerName)
	}
	system := genAISystem(provider)
	return tracer.Start(ctx, "chat "+model,
		trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(
			attribute.String("gen_ai.operation.name", "chat"),
			// gen_ai.system is what back ends built on the older
			// conventions read; gen_ai.provider.name replaced it.
			attribute.String("gen_ai.system", system),
			attribute.String("gen_ai.provider.name", system),
			attribute.String("gen_ai.request.model", model),
		))
}

// genAISystem maps the service's provider names to the conventions'
// well-known values.
func genAISystem(provider string) string {
	switch provider {
	case "gemini":
		return "gcp.gemini"
	}
	return provider
}

// EndLLMSpan records the tokens used and the outcome, then ends span. The
// error's text goes into the span, so it must carry no secret, which is
// already the rule for provider errors.
func EndLLMSpan(span trace.Span, inputTokens, outputTokens int64, err error) {
	if span == nil {
		return
	}
	if span.IsRecording() {
		span.SetAttributes(
			attribute.Int64("gen_ai.usage.input_tokens", inputTokens),
			attribute.Int64("gen_ai.usage.output_tokens", outputTokens),
		)
		if err != nil {
			span.SetAttributes(attribute.String("error.type", errorType(err)))
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
	}
	span.End()
}

func errorType(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return "_OTHER"
}
