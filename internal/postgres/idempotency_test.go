package postgres_test

import (
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/postgres"
	"github.com/aijudge/aijudge/internal/storetest"
)

func TestIdempotency(t *testing.T) {
	storetest.RunIdempotency(t, func(t *testing.T, now func() time.Time) storetest.IdempotencyStore {
		return openFresh(t, postgres.Options{AutoMigrate: true, Now: now})
	})
}
