// Package schema holds what both stores' migrations share: the embedded
// migrations directory and the check that refuses to serve an out-of-date
// schema. Each store keeps its own SQL and its own goose provider.
package schema

import (
	"context"
	"errors"
	"io/fs"

	"github.com/pressly/goose/v3"

	"github.com/aijudge/aijudge/internal/court"
)

// ErrOutOfDate is the cause of a store's Open error when the database
// needs migrations this build would apply and AutoMigrate is off.
var ErrOutOfDate = errors.New("database schema is out of date")

// Migrations returns the migrations directory of an embedded FS.
func Migrations(embedded fs.FS) fs.FS {
	sub, err := fs.Sub(embedded, "migrations")
	if err != nil {
		panic(err) // the embed directive guarantees the directory exists
	}
	return sub
}

// Check reports, as an EUnavailable error caused by ErrOutOfDate, that the
// database lacks migrations p knows. A database ahead of the build
// (migrated by a newer release during a rolling deploy) passes. dbError
// classifies the database's own errors as the store does.
func Check(ctx context.Context, p *goose.Provider, dbError func(error, string) error) error {
	pending, err := p.HasPending(ctx)
	if err != nil {
		return dbError(err, "The database schema version cannot be read.")
	}
	if !pending {
		return nil
	}
	current, latest, err := p.GetVersions(ctx)
	if err != nil {
		return dbError(err, "The database schema version cannot be read.")
	}
	return court.Wrapf(court.EUnavailable, ErrOutOfDate,
		"The database schema is at version %d but this build needs version %d; run `aijudge migrate`.", current, latest)
}
