#!/usr/bin/env bash
# Load run against a local server on 127.0.0.1 only: builds aijudge, starts
# it on embedded defaults with the rate limits raised, files a case, gets
# its judgment, then runs wrk (Debian's package) for a bounded time on
#   GET  /api/cases/{id}
#   POST /api/cases/{id}/judgment   (cached)
# and files cases with POST /api/cases. It prints requests/s and latency
# percentiles, and the server's idle RSS. Usage: scripts/loadtest.sh [seconds]
#
# REDIS_URL and DATABASE_URL pass through, so the same run measures the
# two-layer cache or PostgreSQL:
#   REDIS_URL=redis://127.0.0.1:6379/0 scripts/loadtest.sh
# TRACE_SINK=1 starts an OTLP/HTTP sink on 127.0.0.1 and exports every
# span to it (sampling on), to measure what tracing costs.
# ONLY=judgment (or case, filing) runs one endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
port=${PORT:-3901}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/aijudge" ./cmd/aijudge
otel=""
if [ -n "${TRACE_SINK:-}" ]; then
	sink_port=$((port + 1))
	python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Type", "application/x-protobuf"); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
' "$sink_port" &
	sink=$!
	trap 'kill $pid $sink 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
	otel="http://127.0.0.1:$sink_port"
fi
OTEL_EXPORTER_OTLP_ENDPOINT=$otel OTEL_TRACES_SAMPLER=${OTEL_TRACES_SAMPLER:-always_on} OTEL_TRACES_SAMPLER_ARG=${OTEL_TRACES_SAMPLER_ARG:-} PORT=$port DATA_DIR="$work/data" RATE_LIMIT_MAX_REQUESTS=1000000000 JUDGE_RATE_LIMIT_MAX_REQUESTS=1000000000 \
	REDIS_URL=${REDIS_URL:-} REDIS_KEY_PREFIX=${REDIS_KEY_PREFIX:-aijudge-loadtest:$$:} \
	DATABASE_URL=${DATABASE_URL:-} AUTO_MIGRATE=${AUTO_MIGRATE:-true} AUTH_MODE=${AUTH_MODE:-open} \
	LOG_LEVEL=${LOG_LEVEL:-info} "$work/aijudge" serve >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$base/livez" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 2
echo "idle RSS: $(awk '/VmRSS/{print $2/1024 " MB"}' /proc/$pid/status)"

body='{"caseType":"criminal","jurisdiction":"INDIA","sideASummary":"Mr. Ravi Kumar lent Rs. 2,00,000 to Mr. Suresh Patel, whose cheque dated 15/01/2024 was dishonoured.","sideAEvidence":["Cheque dated 15/01/2024 for Rs. 2,00,000","Return memo of 18/01/2024"],"sideBSummary":"Mr. Suresh Patel says the cheque was a blank security cheque.","sideBEvidence":["Security cheque given in 2022"]}'
id=$(curl -fsS "$base/api/cases" -H 'Content-Type: application/json' -d "$body" | sed -E 's/.*"caseId":"([^"]+)".*/\1/')
curl -fsS -X POST "$base/api/cases/$id/judgment" >/dev/null

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
LUA
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >"$work/file.lua"

run() {
	echo; echo "== $1"
	shift
	wrk -t1 -c50 -d"${secs}s" --latency "$@" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors'
}
only=${ONLY:-all}
[[ $only == all || $only == case ]] && run "GET /api/cases/{id}" "$base/api/cases/$id"
[[ $only == all || $only == judgment ]] && run "POST /api/cases/{id}/judgment (cached)" -s "$work/post.lua" "$base/api/cases/$id/judgment"
[[ $only == all || $only == filing ]] && run "POST /api/cases (filing)" -s "$work/file.lua" "$base/api/cases"
echo; echo "cases filed: $(sqlite3 "$work/data/aijudge.db" 'select count(*) from cases' 2>/dev/null || echo '?')"
echo "RSS after load: $(awk '/VmRSS/{print $2/1024 " MB"}' /proc/$pid/status)"
