package postgres

import (
	"context"
	"database/sql"
	"embed"
	"io/fs"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/schema"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
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
	err = s.withProvider(migrations, func(p *goose.Provider) error {
		current, latest, err = p.GetVersions(ctx)
		if err != nil {
			return dbError(err, "The database schema version cannot be read.")
		}
		return nil
	})
	return current, latest, err
}

// Migrate applies every pending migration. Replicas that start together
// take turns: goose holds a PostgreSQL advisory lock while it migrates.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, migrations)
}

func (s *Store) migrate(ctx context.Context, fsys fs.FS) error {
	return s.withProvider(fsys, func(p *goose.Provider) error {
		if _, err := p.Up(ctx); err != nil {
			return dbError(err, "The database could not be migrated.")
		}
		return nil
	})
}

func (s *Store) checkSchema(ctx context.Context, auto bool, fsys fs.FS) error {
	if auto {
		return s.migrate(ctx, fsys)
	}
	return s.withProvider(fsys, func(p *goose.Provider) error {
		return schema.Check(ctx, p, dbError)
	})
}

// withProvider runs fn with a goose provider over a database/sql handle of
// its own, closed afterwards. It uses no goose global state. The handle
// drops the statement timeout meant for requests: building an index on a
// large table may rightly take minutes.
func (s *Store) withProvider(fsys fs.FS, fn func(p *goose.Provider) error) error {
	cfg := s.pool.Config().ConnConfig.Copy()
	delete(cfg.RuntimeParams, "statement_timeout")
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	// Probe every second (for up to five minutes) rather than goose's
	// default five, so replicas waiting on a quick migration start sooner.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
	if err != nil {
		return court.Wrap(court.EInternal, err, "The database migrations cannot be loaded.")
	}
	p, err := newProvider(db, fsys, locker)
	if err != nil {
		return err
	}
	return fn(p)
}

func newProvider(db *sql.DB, fsys fs.FS, locker lock.SessionLocker) (*goose.Provider, error) {
	p, err := goose.NewProvider(goose.DialectPostgres, db, fsys,
		goose.WithDisableGlobalRegistry(true), goose.WithSessionLocker(locker),
		// Allowed out of order: see the sqlite store's provider.
		goose.WithAllowOutofOrder(true))
	if err != nil {
		return nil, court.Wrap(court.EInternal, err, "The database migrations cannot be loaded.")
	}
	return p, nil
}
