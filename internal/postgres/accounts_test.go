package postgres_test

import (
	"testing"

	"github.com/aijudge/aijudge/internal/postgres"
	"github.com/aijudge/aijudge/internal/storetest"
)

func TestAccounts(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T) storetest.AccountStore {
		return openFresh(t, postgres.Options{AutoMigrate: true})
	})
}
