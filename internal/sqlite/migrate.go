package sqlite

import (
	"context"
	"embed"
	"io/fs"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/schema"
	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var embedded embed.FS

// migrations is the schema history this build knows, numbered and applied
// in order, each in a transaction of its own.
var migrations = schema.Migrations(embedded)

// ErrSchemaOutOfDate is the cause of Open's error when the database needs
// migrations this build would apply and AutoMigrate is off.
var ErrSchemaOutOfDate = schema.ErrOutOfDate

// SchemaVersion reports the database's schema version and the latest one
// this build knows. A database ahead of the build (migrated by a newer
// release during a rolling deploy) is served as long as no migration this
// build knows is missing.
func (s *Store) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	p, err := s.provider(migrations)
	if err != nil {
		return 0, 0, err
	}
	current, latest, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, dbError(err, "The database schema version cannot be read.")
	}
	return current, latest, nil
}

// Migrate applies every pending migration.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, migrations)
}

func (s *Store) migrate(ctx context.Context, fsys fs.FS) error {
	p, err := s.provider(fsys)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return court.Wrap(court.EInternal, err, "The database could not be migrated.")
	}
	return nil
}

func (s *Store) checkSchema(ctx context.Context, auto bool, fsys fs.FS) error {
	if auto {
		return s.migrate(ctx, fsys)
	}
	p, err := s.provider(fsys)
	if err != nil {
		return err
	}
	return schema.Check(ctx, p, dbError)
}

// provider runs goose on the write connection, so migrations queue behind
// (and ahead of) ordinary writes instead of racing them. It uses no goose
// global state.
func (s *Store) provider(fsys fs.FS) (*goose.Provider, error) {
	// Out-of-order migrations are allowed: features land on separate
	// branches with numbers reserved up front (00003 may be applied
	// before 00002 on a development database), and no migration here
	// depends on a later-numbered one.
	p, err := goose.NewProvider(goose.DialectSQLite3, s.write, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithAllowOutofOrder(true))
	if err != nil {
		return nil, court.Wrap(court.EInternal, err, "The database migrations cannot be loaded.")
	}
	return p, nil
}
