package sqlite

import (
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestMigrationsOutOfOrder: a database that applied 00003 before 00002
// existed still applies 00002 when it arrives, and the reverse order works
// as the plain case.
func TestMigrationsOutOfOrder(t *testing.T) {
	t.Parallel()
	all := fstest.MapFS{}
	names, _ := fs.Glob(migrations, "*.sql")
	for _, n := range names {
		b, err := fs.ReadFile(migrations, n)
		if err != nil {
			t.Fatal(err)
		}
		all[n] = &fstest.MapFile{Data: b}
	}
	without2 := fstest.MapFS{}
	for n, f := range all {
		if n[:5] != "00002" {
			without2[n] = f
		}
	}
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := open(t.Context(), path, Options{AutoMigrate: true}, without2)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = open(t.Context(), path, Options{AutoMigrate: true}, all)
	if err != nil {
		t.Fatalf("applying 00002 after 00003: %v", err)
	}
	defer s.Close()
	if _, err := open(t.Context(), path, Options{}, all); err != nil {
		t.Fatalf("the database is not up to date afterwards: %v", err)
	}
}
