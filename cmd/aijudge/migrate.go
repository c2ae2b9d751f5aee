package main

import (
	"context"
	"fmt"

	"github.com/aijudge/aijudge/internal/config"
)

const migrateUsage = `Usage: aijudge migrate

Applies the database migrations that have not run yet, each in its own
transaction, and exits. With DATABASE_URL it migrates PostgreSQL (run it
before a new version serves, e.g. in an init container); otherwise the
SQLite database under DATA_DIR. Only the database settings are checked:
a migration needs no JWT secret or LLM key.

Example:

  DATABASE_URL=postgres://aijudge@db/aijudge aijudge migrate
`

func migrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", migrateUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := config.LoadStore(e.getenv)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(e.stdout, "the %s schema is up to date\n", dbName(cfg))
	return nil
}

func dbName(cfg *config.Config) string {
	if cfg.DatabaseURL != "" {
		return "PostgreSQL"
	}
	return "SQLite"
}
