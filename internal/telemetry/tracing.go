package telemetry

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

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

// SetupTracing builds a tracer provider for the standard OTEL_* settings.
// The OpenTelemetry SDK and its OTLP exporters read those from the process
// environment themselves; SetupTracing reads them through getenv
// (os.Getenv in production) only to decide three things the SDK leaves to
// the program:
//
//   - whether tracing is on: with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or
//     OTEL_EXPORTER_OTLP_ENDPOINT set and OTEL_SDK_DISABLED not true;
//   - where spans go and over which protocol, http/protobuf (the default)
//     or grpc, since each exporter speaks one; and
//   - whether start-up must fail: a value that the SDK would log and
//     ignore, tracing with its defaults or not at all, is an error that
//     names the setting (see tracingSettings).
//
// The service name defaults to "aijudge"; OTEL_SERVICE_NAME and
// OTEL_RESOURCE_ATTRIBUTES override it. Off, the provider is a no-op: spans
// cost next to nothing and nothing is exported. shutdown flushes the spans
// still buffered; call it after the server has drained. The exporter
// connects lazily: a collector that is down does not delay start-up.
func SetupTracing(ctx context.Context, getenv func(string) string) (tp trace.TracerProvider, shutdown func(context.Context) error, err error) {
	noShutdown := func(context.Context) error { return nil }
	env := func(name string) string { return strings.TrimSpace(getenv(name)) }
	if strings.EqualFold(env("OTEL_SDK_DISABLED"), "true") {
		return noop.NewTracerProvider(), noShutdown, nil
	}
	endpoint, perSignal := env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"), true
	if endpoint == "" {
		endpoint, perSignal = env("OTEL_EXPORTER_OTLP_ENDPOINT"), false
	}
	if endpoint == "" {
		return noop.NewTracerProvider(), noShutdown, nil
	}
	for _, s := range tracingSettings {
		if v := env(s.name); v != "" && s.check != nil {
			if err := s.check(v); err != nil {
				if s.secret {
					return nil, nil, fmt.Errorf("%s: %w", s.name, err)
				}
				return nil, nil, fmt.Errorf("%s=%q: %w", s.name, v, err)
			}
		}
	}
	// The SDK reads the argument only for the ratio samplers.
	if arg := env("OTEL_TRACES_SAMPLER_ARG"); strings.HasSuffix(strings.ToLower(env("OTEL_TRACES_SAMPLER")), "traceidratio") {
		if err := checkRatio(arg); err != nil {
			return nil, nil, fmt.Errorf("OTEL_TRACES_SAMPLER_ARG=%q: %w", arg, err)
		}
	}
	protocol := cmp.Or(env("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"), env("OTEL_EXPORTER_OTLP_PROTOCOL"), "http/protobuf")
	if !perSignal && protocol == "http/protobuf" {
		// The general endpoint is a base URL to which OTLP/HTTP adds the
		// signal's path; gRPC uses it as it is.
		endpoint = strings.TrimSuffix(endpoint, "/") + "/v1/traces"
	}

	// The endpoint is passed as read, so that the setting that turned
	// tracing on is the one spans go to; the exporter reads the rest
	// (headers, timeout, compression, certificates) itself.
	var exp sdktrace.SpanExporter
	if protocol == "grpc" {
		exp, err = otlptracegrpc.New(ctx, otlptracegrpc.WithEndpointURL(endpoint))
	} else {
		exp, err = otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(endpoint))
	}
	if err != nil {
		return nil, nil, err
	}
	// In Kubernetes the host name is the pod's, which is what an on-call
	// engineer needs to find its logs. Later detectors win, so the
	// environment's service name replaces the default.
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", "aijudge")),
		resource.WithFromEnv(), resource.WithTelemetrySDK(), resource.WithHost())
	if err != nil && res == nil {
		return nil, nil, err
	}
	// A detector that failed partially still leaves a usable resource.
	// Without WithSampler the SDK takes OTEL_TRACES_SAMPLER(_ARG), by
	// default parentbased_always_on.
	p := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return p, p.Shutdown, nil
}

// tracingSettings are the standard variables the service honours
// (docs/OPERATIONS.md), each with the check of a value the SDK would
// otherwise log and ignore; nil means any value works.
var tracingSettings = []struct {
	name   string
	check  func(string) error
	secret bool // the value may hold a credential: never echoed
}{
	{name: "OTEL_SDK_DISABLED"},
	{name: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", check: checkEndpoint},
	{name: "OTEL_EXPORTER_OTLP_ENDPOINT", check: checkEndpoint},
	{name: "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", check: checkProtocol},
	{name: "OTEL_EXPORTER_OTLP_PROTOCOL", check: checkProtocol},
	{name: "OTEL_EXPORTER_OTLP_TRACES_HEADERS", check: checkKeyValues, secret: true},
	{name: "OTEL_EXPORTER_OTLP_HEADERS", check: checkKeyValues, secret: true},
	{name: "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", check: checkMillis},
	{name: "OTEL_EXPORTER_OTLP_TIMEOUT", check: checkMillis},
	{name: "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", check: checkCompression},
	{name: "OTEL_EXPORTER_OTLP_COMPRESSION", check: checkCompression},
	{name: "OTEL_TRACES_SAMPLER", check: checkSampler},
	{name: "OTEL_TRACES_SAMPLER_ARG"}, // checked with the sampler it is for
	{name: "OTEL_SERVICE_NAME"},
	{name: "OTEL_RESOURCE_ATTRIBUTES", check: checkKeyValues},
}

// checkEndpoint refuses what the exporter would parse into a URL without
// a host, such as "collector:4318".
func checkEndpoint(v string) error {
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("want a URL such as http://collector:4318")
	}
	return nil
}

// checkProtocol: the HTTP exporter would treat any other value as
// http/protobuf.
func checkProtocol(v string) error {
	if v != "http/protobuf" && v != "grpc" {
		return errors.New("want http/protobuf or grpc")
	}
	return nil
}

// checkMillis: the exporter would log a timeout that is not a whole number
// of milliseconds and wait its default 10 s.
func checkMillis(v string) error {
	if ms, err := strconv.Atoi(v); err != nil || ms <= 0 {
		return errors.New("want milliseconds")
	}
	return nil
}

// checkCompression: the exporter would send any other value uncompressed.
func checkCompression(v string) error {
	if v != "gzip" && v != "none" {
		return errors.New("want gzip or none")
	}
	return nil
}

// checkSampler: the SDK would log an unknown sampler and sample every
// trace.
func checkSampler(v string) error {
	switch strings.ToLower(v) {
	case "always_on", "always_off", "traceidratio",
		"parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio":
		return nil
	}
	return errors.New("want always_on, always_off, traceidratio or their parentbased_ forms")
}

// checkRatio: the SDK would log a sampler argument out of range and
// sample every trace.
func checkRatio(v string) error {
	if v == "" {
		return nil
	}
	if f, err := strconv.ParseFloat(v, 64); err != nil || f < 0 || f > 1 {
		return errors.New("want a ratio from 0 to 1")
	}
	return nil
}

// checkKeyValues checks the W3C-baggage-like lists of the OTel settings,
// key1=value1,key2=value2 with URL-encoded values; the SDK would drop a
// malformed pair, which may be the one that authenticates the exporter.
func checkKeyValues(s string) error {
	for item := range strings.SplitSeq(s, ",") {
		if strings.TrimSpace(item) == "" {
			continue
		}
		k, v, ok := strings.Cut(item, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return errors.New("want key=value pairs separated by commas")
		}
		if _, err := url.PathUnescape(strings.TrimSpace(v)); err != nil {
			return errors.New("a value is not URL-encoded correctly")
		}
	}
	return nil
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
