package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/court"
)

const auditUsage = `Usage: aijudge audit verify CASE_ID

Checks the audit log of a case: recomputes its hash chain, digests every
stored row of the case again (the filing, documents, judgment versions and
arguments) and compares them with the digests the log recorded. It prints
how many entries were checked, or names the first broken entry and exits
with status 1. It reads the database the settings name (DATABASE_URL, or
SQLite under DATA_DIR).

Example:

  DATABASE_URL=postgres://aijudge@db/aijudge aijudge audit verify 0f8c2a7e-…
`

func auditCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "audit", auditUsage)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "verify" {
		fs.Usage()
		return usageError{"audit takes: verify CASE_ID"}
	}
	id := fs.Arg(1)
	cfg, err := config.LoadStore(e.getenv)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, cfg, cfg.AutoMigrate)
	if err != nil {
		return err
	}
	defer store.Close()
	log, ok := store.(court.AuditLog)
	if !ok {
		return errors.New("this store keeps no audit log")
	}
	svc := court.NewService(court.Options{Store: store, Audit: log})
	n, err := svc.VerifyAudit(ctx, id)
	var broken *court.AuditBreak
	switch {
	case errors.As(err, &broken):
		return fmt.Errorf("audit log of case %s is broken: %v", id, broken)
	case err != nil:
		return fmt.Errorf("audit log of case %s: %s", id, court.ErrorMessage(err))
	}
	fmt.Fprintf(e.stdout, "audit log of case %s: %d entries, chain and stored rows intact\n", id, n)
	return nil
}
