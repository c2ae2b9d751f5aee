// Package storetrace times and traces every call a court.Store serves. It
// lives apart from internal/telemetry so that the packages telemetry
// serves (the language-model clients among them) need not depend on the
// court.
package storetrace

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
	"github.com/aijudge/aijudge/internal/telemetry"
)

// Store wraps a court.Store so that every call is timed in
// aijudge_db_query_duration_seconds{operation} and traced as a client
// span, without either store knowing about telemetry. A transaction
// (InTx) is operation "transaction", commit included; each write in it
// is timed and traced by its own name, its span a child of the
// transaction's.
type Store struct {
	next   court.Store
	m      *telemetry.Metrics
	tracer trace.Tracer
	system attribute.KeyValue
}

var _ court.Store = (*Store)(nil)

// New wraps next; system names the engine ("sqlite", "postgresql") for
// the spans' db.system.name attribute.
func New(next court.Store, system string, m *telemetry.Metrics, tracer trace.Tracer) *Store {
	if tracer == nil {
		tracer = telemetry.Tracer(nil)
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

func (s *Store) Case(ctx context.Context, id string) (c *court.Case, err error) {
	ctx, end := s.begin(ctx, "get_case")
	defer func() { end(err) }()
	return s.next.Case(ctx, id)
}

func (s *Store) InTx(ctx context.Context, fn func(tx court.Tx) error) (err error) {
	ctx, end := s.begin(ctx, "transaction")
	defer func() { end(err) }()
	return s.next.InTx(ctx, func(tx court.Tx) error {
		return fn(&storeTx{next: tx, s: s, ctx: ctx})
	})
}

func (s *Store) ReserveArgument(ctx context.Context, a *court.Argument, lease time.Duration) (err error) {
	ctx, end := s.begin(ctx, "reserve_argument")
	defer func() { end(err) }()
	return s.next.ReserveArgument(ctx, a, lease)
}

func (s *Store) ReleaseArgument(ctx context.Context, caseID, argumentID string) (err error) {
	ctx, end := s.begin(ctx, "release_argument")
	defer func() { end(err) }()
	return s.next.ReleaseArgument(ctx, caseID, argumentID)
}

func (s *Store) Ping(ctx context.Context) (err error) {
	ctx, end := s.begin(ctx, "ping")
	defer func() { end(err) }()
	return s.next.Ping(ctx)
}

func (s *Store) Close() error { return s.next.Close() }

// storeTx times and traces the writes of one transaction. It is the
// auth.Tx and idempotency.Tx of the transaction it wraps, so callers see
// the same transaction they would without telemetry.
type storeTx struct {
	next court.Tx
	s    *Store
	ctx  context.Context // the transaction's span
}

var (
	_ court.Tx       = (*storeTx)(nil)
	_ auth.Tx        = (*storeTx)(nil)
	_ idempotency.Tx = (*storeTx)(nil)
)

func (t *storeTx) CreateCase(c *court.Case) (err error) {
	_, end := t.s.begin(t.ctx, "create_case")
	defer func() { end(err) }()
	return t.next.CreateCase(c)
}

func (t *storeTx) AddDocuments(caseID string, docs []court.Document, lim court.DocumentLimits) (err error) {
	_, end := t.s.begin(t.ctx, "add_documents")
	defer func() { end(err) }()
	return t.next.AddDocuments(caseID, docs, lim)
}

func (t *storeTx) AddJudgment(j *court.Judgment) (err error) {
	_, end := t.s.begin(t.ctx, "add_judgment")
	defer func() { end(err) }()
	return t.next.AddJudgment(j)
}

func (t *storeTx) CompleteArgument(a *court.Argument, revised *court.Judgment) (err error) {
	_, end := t.s.begin(t.ctx, "complete_argument")
	defer func() { end(err) }()
	return t.next.CompleteArgument(a, revised)
}

func (t *storeTx) DeleteCase(id string) (keys []string, err error) {
	_, end := t.s.begin(t.ctx, "delete_case")
	defer func() { end(err) }()
	return t.next.DeleteCase(id)
}

func (t *storeTx) AppendAudit(e *court.AuditEntry) (err error) {
	_, end := t.s.begin(t.ctx, "append_audit")
	defer func() { end(err) }()
	return t.next.AppendAudit(e)
}

func (t *storeTx) AddMember(m *auth.Member) (err error) {
	_, end := t.s.begin(t.ctx, "add_member")
	defer func() { end(err) }()
	a, ok := t.next.(auth.Tx)
	if !ok {
		return court.Errorf(court.EInternal, "This store cannot add a member with a filing.")
	}
	return a.AddMember(m)
}

func (t *storeTx) RecordOutcome(c *idempotency.Claim, resp *idempotency.Response) (err error) {
	_, end := t.s.begin(t.ctx, "record_outcome")
	defer func() { end(err) }()
	return idempotency.Record(t.next, c, resp)
}
