package main

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/testenv"
)

// TestBackupRestore follows the restore runbook (docs/OPERATIONS.md,
// "Restoring") on the test PostgreSQL: a case is filed, judged and
// argued; the database is dumped with pg_dump in the custom format the
// pg-backup CronJob writes, restored with pg_restore into a fresh
// database, and `aijudge audit verify` finds the case's hash chain intact
// against the restored rows.
func TestBackupRestore(t *testing.T) {
	t.Parallel()
	pgDump, pgRestore := testenv.Tool(t, "pg_dump"), testenv.Tool(t, "pg_restore")
	from := freshPostgres(t).String()
	base, stop := startServer(t, map[string]string{"DATABASE_URL": from, "AUTO_MIGRATE": "true", "AUTH_MODE": "open"})
	st, out := apiCall(t, "POST", base+"/api/cases", "", map[string]any{
		"caseType": "contract", "sideASummary": "The buyer paid Rs. 5,00,000 on 12/03/2024 and no goods came.",
		"sideBSummary": "The goods were dispatched on 20 March 2024.",
		"sideADocs":    []map[string]string{{"name": "receipt.txt", "text": "Received Rs. 5,00,000 on 12/03/2024."}},
	})
	if st != 201 {
		t.Fatalf("filing: %d %v", st, out)
	}
	id := out["caseId"].(string)
	if st, out := apiCall(t, "POST", base+"/api/cases/"+id+"/judgment", "", nil); st != 200 && st != 201 {
		t.Fatalf("judgment: %d %v", st, out)
	}
	apiCall(t, "POST", base+"/api/cases/"+id+"/arguments", "", map[string]string{"side": "B", "argument": "The courier receipt shows dispatch."})
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	// The runbook's commands.
	dump := filepath.Join(t.TempDir(), "aijudge.dump")
	if out, err := exec.Command(pgDump, "--format=custom", "--no-owner", "--no-privileges", "--file="+dump, from).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	to := freshPostgres(t).String()
	if out, err := exec.Command(pgRestore, "--no-owner", "--no-privileges", "--exit-on-error", "--dbname="+to, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}

	// Without AUTO_MIGRATE: the restored schema must be current as it is.
	vars := map[string]string{"DATABASE_URL": to}
	var stdout bytes.Buffer
	err := run(context.Background(), &env{args: []string{"audit", "verify", id}, getenv: environ(vars), stdout: &stdout, stderr: io.Discard})
	if err != nil || !strings.Contains(stdout.String(), "intact") {
		t.Fatalf("audit verify on the restored database: %v %q", err, stdout.String())
	}
	stdout.Reset()
	if err := run(context.Background(), &env{args: []string{"migrate"}, getenv: environ(vars), stdout: &stdout, stderr: io.Discard}); err != nil {
		t.Fatalf("migrate on the restored database: %v", err)
	}
}
