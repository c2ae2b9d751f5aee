package telemetry

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/aijudge/aijudge/internal/court"
)

// Store wraps a court.Store so that every call is timed in
// aijudge_db_query_duration_seconds{operation} and traced as a client
// span, without either store knowing about telemetry.
type Store struct {
	next   court.Store
	m      *Metrics
	tracer trace.Tracer
	system attribute.KeyValue
}

var _ court.Store = (*Store)(nil)

// InstrumentStore wraps next; system names the engine ("sqlite",
// "postgresql") for the spans' db.system.name attribute.
func InstrumentStore(next court.Store, system string, m *Metrics, tracer trace.Tracer) *Store {
	if tracer == nil {
		tracer = Tracer(nil)
	}
	return &Store{next: next, m: m, tracer: tracer, system: attribute.String("db.system.name", system)}
}

// begin starts the span and the clock of one operation; the returned
// function ends both.
func (s *Store) begin(ctx context.Context, op string) (context.Context, func(error)) {
	start := time.Now()
	ctx, span := s.tracer.Start(ctx, "db "+op, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(s.system, attribute.String("db.operation.name", op)))
	return ctx, func(err error) {
		s.m.ObserveDBQuery(op, time.Since(start))
		// Rule violations (a sixth argument, an unknown id) are answers,
		// not failures of the database.
		if c := court.ErrorCode(err); c == court.EInternal || c == court.EUnavailable {
			span.SetStatus(codes.Error, c.String())
		}
		span.End()
	}
}

func (s *Store) CreateCase(ctx context.Context, c *court.Case) (err error) {
	ctx, end := s.begin(ctx, "create_case")
	defer func() { end(err) }()
	return s.next.CreateCase(ctx, c)
}

func (s *Store) Case(ctx context.Context, id string) (c *court.Case, err error) {
	ctx, end := s.begin(ctx, "get_case")
	defer func() { end(err) }()
	return s.next.Case(ctx, id)
}

func (s *Store) AddDocument(ctx context.Context, caseID string, d *court.Document) (err error) {
	ctx, end := s.begin(ctx, "add_document")
	defer func() { end(err) }()
	return s.next.AddDocument(ctx, caseID, d)
}

func (s *Store) AddJudgment(ctx context.Context, j *court.Judgment) (err error) {
	ctx, end := s.begin(ctx, "add_judgment")
	defer func() { end(err) }()
	return s.next.AddJudgment(ctx, j)
}

func (s *Store) ReserveArgument(ctx context.Context, a *court.Argument, lease time.Duration) (err error) {
	ctx, end := s.begin(ctx, "reserve_argument")
	defer func() { end(err) }()
	return s.next.ReserveArgument(ctx, a, lease)
}

func (s *Store) CompleteArgument(ctx context.Context, a *court.Argument, revised *court.Judgment) (err error) {
	ctx, end := s.begin(ctx, "complete_argument")
	defer func() { end(err) }()
	return s.next.CompleteArgument(ctx, a, revised)
}

func (s *Store) ReleaseArgument(ctx context.Context, caseID, argumentID string) (err error) {
	ctx, end := s.begin(ctx, "release_argument")
	defer func() { end(err) }()
	return s.next.ReleaseArgument(ctx, caseID, argumentID)
}

func (s *Store) DeleteCase(ctx context.Context, id string) (keys []string, err error) {
	ctx, end := s.begin(ctx, "delete_case")
	defer func() { end(err) }()
	return s.next.DeleteCase(ctx, id)
}

func (s *Store) Ping(ctx context.Context) (err error) {
	ctx, end := s.begin(ctx, "ping")
	defer func() { end(err) }()
	return s.next.Ping(ctx)
}

func (s *Store) Close() error { return s.next.Close() }
