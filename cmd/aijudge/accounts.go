package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aijudge/aijudge/internal/auth"
)

// newAuth returns the accounts service for AUTH_MODE=accounts, or nil for
// AUTH_MODE=open, which it logs as a warning: anyone who can reach the
// server can then read and change every case.
func (a *app) newAuth() (*auth.Service, error) {
	if a.cfg.AuthMode == "open" {
		a.log.Warn("AUTH_MODE=open: no accounts; anyone who can reach this server can read, argue and delete every case")
		return nil, nil
	}
	if a.accounts == nil {
		return nil, errors.New("AUTH_MODE=accounts: this store keeps no accounts")
	}
	secret := a.cfg.JWTSecret
	if secret == "" {
		var err error
		if secret, err = embeddedSecret(a.cfg.DataDir); err != nil {
			return nil, err
		}
	}
	return auth.NewService(auth.Options{
		Store: a.accounts, Secret: []byte(secret), Limiter: a.limiter, Logger: a.log,
		TokenTTL: a.cfg.JWTTTL, SessionTTL: a.cfg.SessionTTL, InviteTTL: a.cfg.InviteTTL,
	}), nil
}

// embeddedSecret returns the token-signing secret kept in DATA_DIR/jwt-secret
// (mode 0600) for the embedded SQLite setup, generating it on first start
// so that tokens survive restarts. It is never logged.
func embeddedSecret(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "jwt-secret")
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return "", fmt.Errorf("DATA_DIR=%q cannot be created: %w", dataDir, err)
	}
	// Written aside and linked into place, so that a replica starting at
	// the same moment reads either no file or a whole one.
	b := make([]byte, 32)
	rand.Read(b)
	tmp := fmt.Sprintf("%s.%x.tmp", path, b[:4])
	if err := os.WriteFile(tmp, []byte(hex.EncodeToString(b)+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("DATA_DIR: the JWT secret cannot be written: %w", err)
	}
	err := os.Link(tmp, path)
	os.Remove(tmp)
	switch {
	case err == nil:
		return hex.EncodeToString(b), nil
	case !errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("DATA_DIR: the JWT secret cannot be created: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("DATA_DIR: %s cannot be read: %w", path, err)
	}
	secret := strings.TrimSpace(string(data))
	if len(secret) < 32 {
		return "", fmt.Errorf("DATA_DIR: %s holds a secret shorter than 32 characters; delete it to generate a new one", path)
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("DATA_DIR: %s is readable by others (mode %v); chmod 600 it", path, info.Mode().Perm())
	}
	return secret, nil
}
