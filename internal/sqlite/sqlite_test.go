package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) court.Store {
		return openTemp(t)
	})
}

func openTemp(t testing.TB) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "data", "aijudge.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}
