package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// apiCall sends a JSON request and decodes the answer.
func apiCall(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestAccountsByDefault boots the real program with no AUTH_MODE: accounts
// are on, the signing secret is generated once under DATA_DIR and reused
// after a restart, and cases need a login.
func TestAccountsByDefault(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base, stop := startServer(t, map[string]string{"DATA_DIR": dir})
	filing := map[string]any{"caseType": "civil", "sideASummary": "A lent money.", "sideBSummary": "B denies it.", "creatorSide": "B"}
	if st, _ := apiCall(t, "POST", base+"/api/cases", "", filing); st != http.StatusUnauthorized {
		t.Fatalf("anonymous filing in accounts mode: %d", st)
	}
	if st, out := apiCall(t, "POST", base+"/api/auth/register", "", map[string]string{"email": "e2e@example.com", "password": "correct horse battery", "name": "E"}); st != 201 {
		t.Fatalf("register: %d %v", st, out)
	}
	st, out := apiCall(t, "POST", base+"/api/auth/login", "", map[string]string{"email": "e2e@example.com", "password": "correct horse battery"})
	if st != 200 {
		t.Fatalf("login: %d %v", st, out)
	}
	token := out["token"].(string)
	st, out = apiCall(t, "POST", base+"/api/cases", token, filing)
	if st != 201 {
		t.Fatalf("filing: %d %v", st, out)
	}
	id := out["caseId"].(string)
	if st, out := apiCall(t, "GET", base+"/api/cases", token, nil); st != 200 || out["count"] != float64(1) ||
		out["cases"].([]any)[0].(map[string]any)["role"] != "B" {
		t.Fatalf("my cases: %d %v", st, out)
	}
	info, err := os.Stat(filepath.Join(dir, "jwt-secret"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("jwt-secret: %v %v", info, err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	base, _ = startServer(t, map[string]string{"DATA_DIR": dir})
	if st, out := apiCall(t, "GET", base+"/api/cases/"+id, token, nil); st != 200 {
		t.Fatalf("token after a restart: %d %v", st, out)
	}
}

// TestAuditVerify runs a case, checks its log with `aijudge audit verify`,
// then changes a stored judgment behind the service's back: verify must
// fail and name the entry.
func TestAuditVerify(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	vars := map[string]string{"DATA_DIR": dir, "AUTH_MODE": "open"}
	base, stop := startServer(t, vars)
	st, out := apiCall(t, "POST", base+"/api/cases", "", map[string]any{
		"caseType": "contract", "sideASummary": "The buyer paid Rs. 5,00,000 on 12/03/2024 and no goods came.",
		"sideBSummary": "The goods were dispatched on 20 March 2024.",
		"sideADocs":    []map[string]string{{"name": "receipt.txt", "text": "Received Rs. 5,00,000 on 12/03/2024."}},
	})
	if st != 201 {
		t.Fatalf("filing: %d %v", st, out)
	}
	id := out["caseId"].(string)
	apiCall(t, "POST", base+"/api/cases/"+id+"/judgment", "", nil)
	apiCall(t, "POST", base+"/api/cases/"+id+"/arguments", "", map[string]string{"side": "B", "argument": "The courier receipt shows dispatch."})
	if st, _ := apiCall(t, "GET", base+"/api/cases/"+id+"/audit", "", nil); st != 200 {
		t.Fatalf("GET audit: %d", st)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}

	verify := func() (string, error) {
		var outBuf bytes.Buffer
		err := run(context.Background(), &env{args: []string{"audit", "verify", id}, getenv: environ(vars), stdout: &outBuf, stderr: io.Discard})
		return outBuf.String(), err
	}
	if out, err := verify(); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("verify of an untouched case: %v %q", err, out)
	}

	db, err := sql.Open("sqlite", filepath.Join(dir, "aijudge.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := db.Exec(`UPDATE judgments SET verdict = 'Judgment for the other side' WHERE case_id = ? AND version = 1`, id)
	if n, _ := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("tampering: %v (%d rows)", err, n)
	}
	_, err = verify()
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "entry ") || !strings.Contains(err.Error(), "judgment") ||
		strings.Contains(err.Error(), "\n") {
		t.Fatalf("verify after tampering: %v", err)
	}

	// A deleted audit entry breaks the chain.
	if _, err := db.Exec(`DELETE FROM audit_log WHERE case_id = ? AND seq = 2`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := verify(); err == nil || !strings.Contains(err.Error(), "entry 2") {
		t.Fatalf("verify after deleting an entry: %v", err)
	}
}

func TestAccountsConfigErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		vars    map[string]string
		inError string
	}{
		{map[string]string{"DATABASE_URL": "postgres://u@127.0.0.1:1/db"}, "JWT_SECRET"},
		{map[string]string{"AUTH_MODE": "sso"}, "AUTH_MODE"},
		{map[string]string{"JWT_SECRET": "short"}, "JWT_SECRET"},
	} {
		err := run(context.Background(), &env{args: []string{"serve"}, getenv: environ(tt.vars), stdout: io.Discard, stderr: io.Discard})
		if err == nil || !strings.Contains(err.Error(), tt.inError) || strings.Contains(err.Error(), "\n") || exitCode(err) != 1 {
			t.Errorf("%v: %v, want one line naming %s", tt.vars, err, tt.inError)
		}
	}
	var help bytes.Buffer
	err := run(context.Background(), &env{args: []string{"audit", "--help"}, getenv: environ(nil), stdout: io.Discard, stderr: &help})
	if !strings.Contains(help.String(), "Usage: aijudge audit verify") || exitCode(err) != 2 {
		t.Errorf("audit --help: %v %q", err, help.String())
	}
}
