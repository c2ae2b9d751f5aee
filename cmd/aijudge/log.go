package main

import (
	"io"
	"log/slog"

	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/telemetry"
)

// newQuietLogger is the logger of the command-line tools: warnings and
// worse only, on stderr, so that stdout holds just the result.
func newQuietLogger(w io.Writer, cfg *config.Config) *slog.Logger {
	level := max(cfg.LogLevel, slog.LevelWarn)
	return telemetry.NewLoggerFormat(w, level, cfg.LogFormat)
}
