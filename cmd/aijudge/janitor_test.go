package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/sqlite"
)

// TestJanitor: the janitor deletes an expired session, logs the count and
// stops when asked.
func TestJanitor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Now()
	u := &auth.User{ID: court.NewID(), Email: "j@example.com", Name: "J", PasswordHash: "x", CreatedAt: now, PasswordChangedAt: now}
	if err := store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	expired := &auth.Session{ID: court.NewID(), UserID: u.ID, CreatedAt: now.Add(-time.Hour), ExpiresAt: now.Add(-time.Minute)}
	live := &auth.Session{ID: court.NewID(), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	for _, s := range []*auth.Session{expired, live} {
		if err := store.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}

	var logs bytes.Buffer
	stop := startJanitor(ctx, store, 20*time.Millisecond, slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil)))
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := store.Session(ctx, expired.ID); court.ErrorCode(err) == court.ENotFound {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the expired session was not swept")
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	if _, err := store.Session(ctx, live.ID); err != nil {
		t.Errorf("live session: %v", err)
	}
	if out := logs.String(); strings.Count(out, "swept expired records") != 1 || !strings.Contains(out, "sessions=1") {
		t.Errorf("log: %q, want one line with sessions=1", out)
	}
}
