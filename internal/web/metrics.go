package web

import (
	"net/http"

	"github.com/aijudge/aijudge/internal/telemetry"
)

// MetricsHandler serves GET /metrics and nothing else, for the listener
// of METRICS_ADDR. The application's port does not serve them: memory,
// per-route counts and the build are not for its users.
func MetricsHandler(m *telemetry.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	return mux
}
