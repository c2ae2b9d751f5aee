package postgres_test

import (
	"testing"

	"github.com/aijudge/aijudge/internal/postgres"
	"github.com/aijudge/aijudge/internal/storetest"
)

func TestIdempotency(t *testing.T) {
	storetest.RunIdempotency(t, func(t *testing.T) storetest.IdempotencyStore {
		return openFresh(t, postgres.Options{AutoMigrate: true})
	})
}
