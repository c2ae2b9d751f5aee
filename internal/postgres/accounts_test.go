package postgres_test

import (
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/postgres"
	"github.com/aijudge/aijudge/internal/storetest"
)

func TestAccounts(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T, now func() time.Time) storetest.AccountStore {
		return openFresh(t, postgres.Options{AutoMigrate: true, Now: now})
	})
}
