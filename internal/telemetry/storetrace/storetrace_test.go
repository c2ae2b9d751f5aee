package storetrace_test

import (
	"path/filepath"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/telemetry"
	"github.com/aijudge/aijudge/internal/telemetry/storetrace"
)

// TestStoreTransaction: a transaction through the wrapper is one span and
// one "transaction" sample, each write in it a child span and a sample of
// its own, and the wrapped transaction still adds members and records
// outcomes.
func TestStoreTransaction(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	raw, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "aijudge.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	m := telemetry.NewMetrics(telemetry.MetricsOptions{})
	s := storetrace.New(raw, "sqlite", m, telemetry.Tracer(tp))

	now := time.Now().UTC()
	u := &auth.User{ID: court.NewID(), Email: "o@example.com", Name: "O", PasswordHash: "x", CreatedAt: now, PasswordChangedAt: now}
	if err := raw.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	claim := &idempotency.Claim{Key: "k", Fingerprint: "f", Owner: court.NewID(), Lease: time.Minute, TTL: time.Hour}
	if _, err := raw.BeginIdempotent(ctx, claim); err != nil {
		t.Fatal(err)
	}
	c := &court.Case{ID: court.NewID(), Type: court.Civil, Jurisdiction: court.UK,
		A: court.Side{Summary: "a"}, B: court.Side{Summary: "b"}, CreatedAt: now}
	err = s.InTx(ctx, func(tx court.Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		if err := (court.Stamp{At: now, Actor: u.ID}).Record(tx, c.ID, court.AuditCaseFiled, c.ID, court.DigestCase(c)); err != nil {
			return err
		}
		if err := tx.(auth.Tx).AddMember(&auth.Member{CaseID: c.ID, UserID: u.ID, Role: auth.RoleA, Owner: true, JoinedAt: now}); err != nil {
			return err
		}
		return idempotency.Record(tx, claim, &idempotency.Response{Status: 201})
	})
	if err != nil {
		t.Fatal(err)
	}

	if m, err := raw.Members(ctx, c.ID); err != nil || len(m) != 1 {
		t.Errorf("members: %+v %v, want the owner", m, err)
	}
	retry := *claim
	retry.Owner = court.NewID()
	if resp, err := raw.BeginIdempotent(ctx, &retry); err != nil || resp == nil || resp.Status != 201 {
		t.Errorf("the outcome recorded through the wrapper: %+v %v, want 201", resp, err)
	}

	ops := []string{"transaction", "create_case", "append_audit", "add_member", "record_outcome"}
	samples := operationSamples(t, m)
	for _, op := range ops {
		if samples[op] != 1 {
			t.Errorf("operation %q: %d samples, want 1 (all: %v)", op, samples[op], samples)
		}
	}

	spans := map[string]sdktrace.ReadOnlySpan{}
	for _, sp := range rec.Ended() {
		spans[sp.Name()] = sp
	}
	txSpan := spans["db transaction"]
	if txSpan == nil {
		t.Fatalf("no transaction span among %v", spans)
	}
	for _, op := range ops[1:] {
		sp := spans["db "+op]
		if sp == nil {
			t.Errorf("no span for %s", op)
			continue
		}
		if sp.Parent().SpanID() != txSpan.SpanContext().SpanID() {
			t.Errorf("span %s is not a child of the transaction's", sp.Name())
		}
	}
}

// operationSamples counts the timed store operations by their label.
func operationSamples(t *testing.T, m *telemetry.Metrics) map[string]uint64 {
	t.Helper()
	mfs, err := m.Registry().Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	samples := map[string]uint64{}
	for _, mf := range mfs {
		if mf.GetName() != "aijudge_db_query_duration_seconds" {
			continue
		}
		for _, s := range mf.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == "operation" {
					samples[l.GetValue()] = s.GetHistogram().GetSampleCount()
				}
			}
		}
	}
	return samples
}
