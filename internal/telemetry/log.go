// Package telemetry sets up what the service tells its operators: JSON
// logs that carry the request id and trace id of the request they belong
// to, Prometheus metrics in a registry of their own, and OpenTelemetry
// tracing configured from the standard OTEL_* settings. The three share
// ids so that an on-call engineer can go from an alert to the traces of
// the slow requests and from a trace to its log lines.
package telemetry

import (
	"context"
	"io"
	"log/slog"

	"go.opentelemetry.io/otel/trace"
)

type ctxKey struct{}

// WithRequestID returns ctx carrying the request id id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// RequestID returns the request id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// NewLogger returns a JSON logger writing to w at level. Every line
// logged with a context gets that context's request id and, when the
// context carries a sampled or remote span, its trace_id and span_id.
func NewLogger(w io.Writer, level slog.Leveler) *slog.Logger {
	return NewLoggerFormat(w, level, "json")
}

// NewLoggerFormat is NewLogger in format "json" (slog's keys: level, msg)
// or "gcp", the keys Cloud Logging reads from a container's JSON lines:
// severity (DEBUG, INFO, WARNING, ERROR) and message.
func NewLoggerFormat(w io.Writer, level slog.Leveler, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "gcp" {
		opts.ReplaceAttr = gcpAttr
	}
	return slog.New(contextHandler{slog.NewJSONHandler(w, opts)})
}

// gcpAttr renames slog's top-level level and msg for Cloud Logging.
func gcpAttr(groups []string, a slog.Attr) slog.Attr {
	if len(groups) > 0 {
		return a
	}
	switch a.Key {
	case slog.LevelKey:
		l, _ := a.Value.Any().(slog.Level)
		severity := "DEFAULT"
		switch {
		case l >= slog.LevelError:
			severity = "ERROR"
		case l >= slog.LevelWarn:
			severity = "WARNING"
		case l >= slog.LevelInfo:
			severity = "INFO"
		default:
			severity = "DEBUG"
		}
		return slog.String("severity", severity)
	case slog.MessageKey:
		return slog.Attr{Key: "message", Value: a.Value}
	}
	return a
}

// contextHandler adds request_id, trace_id and span_id from the record's
// context.
type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if ctx == nil {
		return h.Handler.Handle(ctx, r)
	}
	if id := RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	// Only a valid span context: with tracing off every span is the no-op
	// one, whose all-zero ids would match every other untraced line.
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()), slog.String("span_id", sc.SpanID().String()))
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(as)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}
