package sqlite

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aijudge/aijudge/internal/court"
)

// latestVersion is the number of the newest embedded migration.
func latestVersion(t *testing.T) int64 {
	t.Helper()
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded migrations: %v", err)
	}
	var latest int64
	for _, n := range names {
		prefix, _, _ := strings.Cut(n, "_")
		v, err := strconv.ParseInt(prefix, 10, 64)
		if err != nil {
			t.Fatalf("migration %s is not numbered: %v", n, err)
		}
		latest = max(latest, v)
	}
	return latest
}

func TestOpenRefusesEmptyDatabase(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "new", "aijudge.db")
	_, err := Open(t.Context(), path, Options{})
	if !errors.Is(err, ErrSchemaOutOfDate) {
		t.Fatalf("Open without AutoMigrate on an empty database: %v, want ErrSchemaOutOfDate", err)
	}
	if court.ErrorCode(err) != court.EUnavailable || !strings.Contains(court.ErrorMessage(err), "aijudge migrate") {
		t.Fatalf("error %q (%s) should be unavailable and name `aijudge migrate`", court.ErrorMessage(err), court.ErrorCode(err))
	}

	s, err := Open(t.Context(), path, Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	current, latest, err := s.SchemaVersion(t.Context())
	if err != nil || current != latest || latest != latestVersion(t) {
		t.Fatalf("SchemaVersion = %d, %d, %v; want %d, %d", current, latest, err, latestVersion(t), latestVersion(t))
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate on an up-to-date database: %v", err)
	}
	s.Close()

	s, err = Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatalf("Open without AutoMigrate on a migrated database: %v", err)
	}
	s.Close()
}

// TestOpenRefusesOldSchema stands for the next release: its build knows a
// migration the database lacks, so Open refuses until it is applied.
func TestOpenRefusesOldSchema(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "aijudge.db")
	s, err := Open(t.Context(), path, Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	const next = 99999
	newer := fstest.MapFS{"99999_next.sql": {Data: []byte(
		"-- +goose Up\nALTER TABLE cases ADD COLUMN title TEXT NOT NULL DEFAULT '';\n-- +goose Down\nALTER TABLE cases DROP COLUMN title;\n")}}
	names, _ := fs.Glob(migrations, "*.sql")
	for _, n := range names {
		b, _ := fs.ReadFile(migrations, n)
		newer[n] = &fstest.MapFile{Data: b}
	}

	_, err = open(t.Context(), path, Options{}, newer)
	if !errors.Is(err, ErrSchemaOutOfDate) {
		t.Fatalf("Open of an old schema: %v, want ErrSchemaOutOfDate", err)
	}
	want := "version " + strconv.FormatInt(latestVersion(t), 10) + " but this build needs version 99999"
	if !strings.Contains(court.ErrorMessage(err), want) {
		t.Fatalf("message %q should say %q", court.ErrorMessage(err), want)
	}

	s, err = open(t.Context(), path, Options{AutoMigrate: true}, newer)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var title string
	if err := s.read.QueryRowContext(t.Context(), "SELECT COALESCE(MAX(title), '') FROM cases").Scan(&title); err != nil {
		t.Fatalf("the new migration was not applied: %v", err)
	}

	// The current build still serves the database a newer one migrated.
	s2, err := Open(t.Context(), path, Options{})
	if err != nil {
		t.Fatalf("Open of a schema ahead of the build: %v", err)
	}
	current, _, err := s2.SchemaVersion(t.Context())
	s2.Close()
	if err != nil || current != next {
		t.Fatalf("SchemaVersion current = %d, %v; want %d", current, err, next)
	}
}
