//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files under DATA_DIR are created readable by the service's user only,
// even in a DATA_DIR that already exists open to all; a readable DATA_DIR
// and secret file are warned of at start.
func TestPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	secret := filepath.Join(t.TempDir(), "jwt")
	os.WriteFile(secret, []byte(strings.Repeat("s", 40)), 0o644)
	os.Chmod(secret, 0o644)
	var logs bytes.Buffer
	_, stop := startServerLogs(t, map[string]string{"DATA_DIR": dir, "JWT_SECRET_FILE": secret}, &logs)
	stop()
	for _, name := range []string{"aijudge.db", "aijudge.db-wal"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			if name == "aijudge.db-wal" && os.IsNotExist(err) {
				continue // checkpointed and removed at close
			}
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m&0o077 != 0 {
			t.Errorf("%s is %v", name, m)
		}
	}
	out := logs.String()
	if !strings.Contains(out, "DATA_DIR may be read by other users") || !strings.Contains(out, "JWT_SECRET_FILE names a secret file other users") {
		t.Errorf("no warnings:\n%s", out)
	}
}
