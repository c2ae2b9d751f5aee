package main

import (
	"log/slog"
	"os"
	"strings"

	"github.com/aijudge/aijudge/internal/config"
)

// warnReadable warns, once at start, of a DATA_DIR or a secret file that
// other users of the machine may read.
func warnReadable(log *slog.Logger, cfg *config.Config) {
	if cfg.DatabaseURL == "" || strings.HasPrefix(cfg.BlobURL, "file:") || cfg.BlobURL == "" {
		if fi, err := os.Stat(cfg.DataDir); err == nil && othersMayRead(fi) {
			log.Warn("DATA_DIR may be read by other users of this machine; its files are created readable by this user only, but make the folder private: chmod 700 "+cfg.DataDir,
				"data_dir", cfg.DataDir, "mode", fi.Mode().Perm().String())
		}
	}
	for _, f := range cfg.SecretFiles {
		name, path, _ := strings.Cut(f, "=")
		if fi, err := os.Stat(path); err == nil && othersMayRead(fi) {
			log.Warn(name+" names a secret file other users of this machine may read: chmod 600 "+path,
				"setting", name, "mode", fi.Mode().Perm().String())
		}
	}
}
