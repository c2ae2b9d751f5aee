// Package testenv finds the real services the tests run against
// (PostgreSQL, Redis, an S3-compatible server, Chromium) and decides what a
// missing one means: locally a test skips with a message naming what is
// missing; under CI=true it fails, so that CI never passes by skipping.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// CI reports whether the tests run under continuous integration.
func CI() bool { return os.Getenv("CI") == "true" }

// Missing stops t because the service what is unavailable: a failure under
// CI, a skip elsewhere.
func Missing(t testing.TB, what string, err error) {
	t.Helper()
	if CI() {
		t.Fatalf("%s is required under CI=true but is unavailable: %v", what, err)
	}
	t.Skipf("skipping: %s is unavailable (%v)", what, err)
}

// Getenv returns the environment variable name, or def when it is unset.
func Getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// PostgresURL is the server the PostgreSQL tests use; each test creates
// and drops a database of its own there.
func PostgresURL() string {
	return Getenv("AIJUDGE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
}

// RedisURL is the Redis the cache and rate-limit tests use.
func RedisURL() string { return Getenv("AIJUDGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0") }

// S3Endpoint is the S3-compatible server the blob tests use.
func S3Endpoint() string { return Getenv("AIJUDGE_TEST_S3_ENDPOINT", "http://127.0.0.1:7070") }

// Chromium is the browser the UI tests drive.
func Chromium() string { return Getenv("AIJUDGE_TEST_CHROMIUM", "/usr/bin/chromium") }

// Tool returns the path of the program name, from PATH or the directory
// go install puts programs in (GOBIN, else GOPATH/bin), which .ci/services
// fills. A missing program is Missing.
func Tool(t testing.TB, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	dirs := []string{os.Getenv("GOBIN")}
	if gopath := os.Getenv("GOPATH"); gopath != "" {
		dirs = append(dirs, filepath.Join(filepath.SplitList(gopath)[0], "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		p := filepath.Join(d, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	Missing(t, name, exec.ErrNotFound)
	return ""
}
