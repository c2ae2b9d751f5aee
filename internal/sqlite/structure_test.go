package sqlite

import (
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/pressly/goose/v3"
)

// TestMigrateJudgmentStructure: a judgment stored before 00005 reads back
// after it without a structure, and digests as it did when it was
// recorded.
func TestMigrateJudgmentStructure(t *testing.T) {
	t.Parallel()
	before := fstest.MapFS{}
	names, _ := fs.Glob(migrations, "*.sql")
	for _, n := range names {
		if n < "00005" {
			b, err := fs.ReadFile(migrations, n)
			if err != nil {
				t.Fatal(err)
			}
			before[n] = &fstest.MapFile{Data: b}
		}
	}
	// The store of this build cannot open the old schema (its statements
	// name the new columns), so the old rows are written as SQL.
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectSQLite3, db, before, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(t.Context()); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 6, 1, 9, 30, 0, 123456000, time.UTC)
	c := &court.Case{ID: court.NewID()}
	_, err = db.ExecContext(t.Context(), `
		INSERT INTO cases (id, case_type, jurisdiction, status, a_summary, b_summary, created_at, updated_at)
		VALUES (?, 'contract', 'INDIA', 'judged', 'Rent unpaid.', 'Flat uninhabitable.', ?, ?)`, c.ID, micros(at), micros(at))
	if err != nil {
		t.Fatal(err)
	}
	old := court.Judgment{ID: court.NewID(), CaseID: c.ID, Version: 1, Kind: court.Tentative,
		Verdict: "For Side A", Reasoning: "The lease obliges payment.",
		LegalBasis: []string{"Indian Contract Act, 1872, s. 73"}, Confidence: 70,
		Judge: court.JudgeInfo{Provider: "offline", Model: "rules-1", PromptVersion: "v2"}, Flags: []court.Flag{},
		Usage: court.Usage{InputTokens: 10, OutputTokens: 5, LatencyMS: 3, Cost: 0.001, Calls: 1}, CreatedAt: at}
	_, err = db.ExecContext(t.Context(), `
		INSERT INTO judgments (id, case_id, version, kind, verdict, reasoning, legal_basis, confidence,
			judge_provider, judge_model, judge_prompt_version, flags,
			input_tokens, output_tokens, latency_ms, cost, calls, created_at)
		VALUES (?, ?, 1, 'tentative', ?, ?, '["Indian Contract Act, 1872, s. 73"]', 70,
			'offline', 'rules-1', 'v2', '[]', 10, 5, 3, 0.001, 1, ?)`,
		old.ID, c.ID, old.Verdict, old.Reasoning, micros(at))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(t.Context(), path, Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Case(t.Context(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Judgments) != 1 {
		t.Fatalf("%d judgments, want 1", len(got.Judgments))
	}
	j := &got.Judgments[0]
	if j.Structured() || j.Favours != "" || j.Roles != (court.Roles{}) {
		t.Errorf("a judgment stored before 00005 reads back with a structure: %q %+v %v %v %v",
			j.Favours, j.Roles, j.Issues, j.Relief, j.Citations)
	}
	if court.DigestJudgment(j) != court.DigestJudgment(&old) {
		t.Errorf("a judgment stored before 00005 digests differently after it")
	}
}
