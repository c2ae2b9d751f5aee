package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/postgres"
	"github.com/aijudge/aijudge/internal/storetest"
	"github.com/aijudge/aijudge/internal/testenv"
	"github.com/jackc/pgx/v5"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) court.Store {
		return openFresh(t, postgres.Options{AutoMigrate: true, Now: now})
	})
}

// freshDatabase creates an empty database of t's own and returns its URL.
func freshDatabase(t testing.TB) string { return testenv.FreshPostgres(t).String() }

func openFresh(t testing.TB, opts postgres.Options) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), freshDatabase(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenRefusesEmptyDatabase(t *testing.T) {
	t.Parallel()
	dbURL := freshDatabase(t)
	_, err := postgres.Open(t.Context(), dbURL, postgres.Options{})
	if !errors.Is(err, postgres.ErrSchemaOutOfDate) {
		t.Fatalf("Open without AutoMigrate on an empty database: %v, want ErrSchemaOutOfDate", err)
	}
	if court.ErrorCode(err) != court.EUnavailable || !strings.Contains(court.ErrorMessage(err), "aijudge migrate") {
		t.Fatalf("error %q (%s) should be unavailable and name `aijudge migrate`", court.ErrorMessage(err), court.ErrorCode(err))
	}

	s, err := postgres.Open(t.Context(), dbURL, postgres.Options{AutoMigrate: true, MaxConns: 2, StatementTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	current, latest, err := s.SchemaVersion(t.Context())
	if err != nil || current != latest || latest < 1 {
		t.Fatalf("SchemaVersion = %d, %d, %v; want equal and positive", current, latest, err)
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate on an up-to-date database: %v", err)
	}
	s.Close()

	s, err = postgres.Open(t.Context(), dbURL, postgres.Options{})
	if err != nil {
		t.Fatalf("Open without AutoMigrate on a migrated database: %v", err)
	}
	s.Close()
}

// TestConcurrentMigrate starts several replicas on one empty database at
// once; goose's advisory lock lets one migrate while the others wait.
func TestConcurrentMigrate(t *testing.T) {
	t.Parallel()
	dbURL := freshDatabase(t)
	errs := make(chan error, 3)
	for range cap(errs) {
		go func() {
			s, err := postgres.Open(t.Context(), dbURL, postgres.Options{AutoMigrate: true})
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	// Port 1 on the loopback interface refuses connections.
	_, err := postgres.Open(ctx, "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", postgres.Options{})
	if court.ErrorCode(err) != court.EUnavailable {
		t.Fatalf("Open of a server that refuses connections: %v (%s), want unavailable", err, court.ErrorCode(err))
	}
	if msg := court.ErrorMessage(err); strings.Contains(msg, "127.0.0.1") || strings.Contains(msg, "refused") {
		t.Errorf("message %q leaks connection details", msg)
	}

	_, err = postgres.Open(ctx, "postgres://user:secret@[::1", postgres.Options{})
	if court.ErrorCode(err) != court.EInvalid || strings.Contains(err.Error(), "secret") {
		t.Fatalf("Open of a malformed URL: %v, want invalid without the password", err)
	}

	s := openFresh(t, postgres.Options{AutoMigrate: true})
	s.Close()
	if err := s.Ping(t.Context()); court.ErrorCode(err) != court.EUnavailable {
		t.Fatalf("Ping after Close: %v (%s), want unavailable", err, court.ErrorCode(err))
	}
	if _, err := s.Case(t.Context(), court.NewID()); court.ErrorCode(err) != court.EUnavailable {
		t.Fatalf("Case after Close: %v (%s), want unavailable", err, court.ErrorCode(err))
	}
}

func TestStatementTimeout(t *testing.T) {
	t.Parallel()
	dbURL := freshDatabase(t)
	s, err := postgres.Open(t.Context(), dbURL, postgres.Options{AutoMigrate: true, StatementTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := &court.Case{ID: court.NewID(), Type: court.Civil, Jurisdiction: court.UK,
		A: court.Side{Summary: "a"}, B: court.Side{Summary: "b"}, CreatedAt: time.Now()}
	if err := s.InTx(t.Context(), func(tx court.Tx) error { return tx.CreateCase(c) }); err != nil {
		t.Fatal(err)
	}

	// Another session holds the case's row lock; the store waits for it
	// until statement_timeout cancels the wait.
	conn, err := pgx.Connect(t.Context(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	tx, err := conn.Begin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(t.Context(), "SELECT 1 FROM cases WHERE id = $1 FOR UPDATE", c.ID); err != nil {
		t.Fatal(err)
	}
	err = s.InTx(t.Context(), func(tx court.Tx) error {
		return tx.AddJudgment(&court.Judgment{ID: court.NewID(), CaseID: c.ID, Kind: court.Tentative, CreatedAt: time.Now()})
	})
	if court.ErrorCode(err) != court.EUnavailable {
		t.Fatalf("AddJudgment on a locked case: %v (%s), want unavailable", err, court.ErrorCode(err))
	}
}
