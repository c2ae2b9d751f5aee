#!/usr/bin/env bash
# A fleet of aijudge replicas on this machine, on 127.0.0.1 only: N
# replicas (REPLICAS, default 3) behind HAProxy (deploy/haproxy/haproxy.cfg,
# health-checking /readyz), on a fresh PostgreSQL database and a Redis key
# prefix of their own, judged through the OpenAI wire protocol by
# cmd/llmfake, whose answers take FAKE_MIN–FAKE_MAX (uniform, 5s–15s by
# default) and are as long as a real model's.
#
#   scripts/fleet.sh up                 start it; prints the URLs
#   scripts/fleet.sh down               stop everything it started, drop the database
#   scripts/fleet.sh status             what runs
#   scripts/fleet.sh kill N [SIGNAL]    kill replica N (default SIGKILL)
#   scripts/fleet.sh start N            start replica N again
#   scripts/fleet.sh kill-redis         SIGKILL the fleet's own Redis (PRIVATE_REDIS=1)
#   scripts/fleet.sh start-redis        start it again
#   scripts/fleet.sh run [LOAD FLAGS]   up, aijudge load against it, down (always)
#   scripts/fleet.sh smoke              a bounded run for CI: 1 s judge calls, ~40 s
#
# Settings (environment): REPLICAS, FLEET_PORT (18080; replicas on the next
# ports, their /metrics from FLEET_PORT+201 on), FLEET_DIR
# (/tmp/aijudge-fleet), FAKE_MIN, FAKE_MAX, FAKE_RPM (the provider's quota,
# 0 none), LLM_REQUESTS_PER_MINUTE (the fleet-wide budget,
# default 60 as in production), LLM_MAX_CONCURRENT, LLM_QUEUE, DB_MAX_CONNS,
# AUTH_MODE, PGURL (postgres://postgres@127.0.0.1:5432), REDIS_URL
# (redis://127.0.0.1:6379/0). Every process it starts stops by itself after
# FLEET_LIFETIME (default 1h) even if "down" is never run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${FLEET_DIR:-/tmp/aijudge-fleet}
n=${REPLICAS:-3}
port=${FLEET_PORT:-18080}
pgurl=${PGURL:-postgres://postgres@127.0.0.1:5432}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379/0}
# PRIVATE_REDIS=1 starts a Redis of the fleet's own on FLEET_PORT+100, so
# that "kill-redis" takes down only the fleet's, never the machine's.
if [ -n "${PRIVATE_REDIS:-}" ]; then redis_url="redis://127.0.0.1:$((port + 100))/0"; fi
lifetime=${FLEET_LIFETIME:-3600}

die() { echo "fleet: $*" >&2; exit 1; }
replica_port() { echo $((port + $1)); }
# Each replica's /metrics on a listener of its own (METRICS_ADDR), as in a
# pod: FLEET_PORT+200+N.
metrics_port() { echo $((port + 200 + $1)); }

wait_ready() { # URL SECONDS
	local i
	for i in $(seq 1 $(($2 * 10))); do
		if curl -fsS -o /dev/null --max-time 1 "$1/readyz" 2>/dev/null; then return 0; fi
		sleep 0.1
	done
	return 1
}

start_replica() { # N
	local i=$1 p
	p=$(replica_port "$i")
	mkdir -p "$dir/r$i"
	# timeout bounds the process's life; SIGTERM drains it like a pod's.
	env -i PATH="$PATH" HOME="${HOME:-/root}" \
		PORT="$p" HOST=127.0.0.1 DATA_DIR="$dir/r$i" METRICS_ADDR="127.0.0.1:$(metrics_port "$i")" \
		PUBLIC_URL="http://127.0.0.1:$port" \
		AUTH_MODE="${AUTH_MODE:-accounts}" JWT_SECRET="$(cat "$dir/jwt")" \
		DATABASE_URL="$(cat "$dir/dburl")" DB_MAX_CONNS="${DB_MAX_CONNS:-20}" \
		REDIS_URL="$redis_url" REDIS_KEY_PREFIX="$(cat "$dir/prefix")" \
		BLOB_URL="file://$dir/blobs" \
		LLM_PROVIDER=openai OPENAI_API_KEY="$(cat "$dir/key")" OPENAI_BASE_URL="$(cat "$dir/fake.url")" OPENAI_MODEL=gpt-4o-mini \
		LLM_REQUESTS_PER_MINUTE="${LLM_REQUESTS_PER_MINUTE:-60}" \
		LLM_MAX_CONCURRENT="${LLM_MAX_CONCURRENT:-16}" LLM_QUEUE="${LLM_QUEUE:-64}" \
		RATE_LIMIT_MAX_REQUESTS=10000000 JUDGE_RATE_LIMIT_MAX_REQUESTS=10000000 TRUST_PROXY_HEADERS=true \
		LOG_LEVEL="${LOG_LEVEL:-info}" \
		timeout --signal=TERM "$lifetime" "$dir/bin/aijudge" serve >>"$dir/r$i.log" 2>&1 &
	echo $! >"$dir/r$i.pid"
	wait_ready "http://127.0.0.1:$p" 30 || die "replica $i did not become ready; see $dir/r$i.log"
}

start_redis() {
	timeout --signal=TERM "$lifetime" redis-server --bind 127.0.0.1 --port $((port + 100)) --save "" --appendonly no \
		--dir "$dir" >"$dir/redis.log" 2>&1 &
	echo $! >"$dir/redis.pid"
	for _ in $(seq 1 50); do redis-cli -p $((port + 100)) ping >/dev/null 2>&1 && return 0; sleep 0.1; done
	die "the fleet's Redis did not start; see $dir/redis.log"
}

up() {
	command -v haproxy >/dev/null || die "haproxy is not installed (apt-get install haproxy)"
	[ ! -e "$dir/up" ] || die "a fleet already runs in $dir (scripts/fleet.sh down)"
	mkdir -p "$dir/bin" "$dir/blobs"
	go build -o "$dir/bin/aijudge" ./cmd/aijudge
	go build -o "$dir/bin/llmfake" ./cmd/llmfake
	local id db
	id=$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
	db="aijudge_fleet_$id"
	psql "$pgurl/postgres" -qAt -c "CREATE DATABASE $db" >/dev/null
	echo "$db" >"$dir/db"
	echo "$pgurl/$db?sslmode=disable" >"$dir/dburl"
	echo "aijudge-fleet-$id:" >"$dir/prefix"
	head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/jwt"
	echo "fleet-fake-key-$id" >"$dir/key"
	touch "$dir/up"

	if [ -n "${PRIVATE_REDIS:-}" ]; then start_redis; fi
	"$dir/bin/llmfake" -provider openai -key "$(cat "$dir/key")" -min "${FAKE_MIN:-5s}" -max "${FAKE_MAX:-15s}" \
		-rpm "${FAKE_RPM:-0}" -url-file "$dir/fake.url" -lifetime "${lifetime}s" >"$dir/fake.log" 2>&1 &
	echo $! >"$dir/fake.pid"
	for _ in $(seq 1 50); do [ -s "$dir/fake.url" ] && break; sleep 0.1; done
	[ -s "$dir/fake.url" ] || die "the provider fake did not start; see $dir/fake.log"

	DATABASE_URL="$(cat "$dir/dburl")" "$dir/bin/aijudge" migrate >"$dir/migrate.log" 2>&1 || die "migrate failed; see $dir/migrate.log"
	psql "$pgurl/postgres" -qAt -c "SELECT 'fleet database after migrate: ' || pg_database_size('$db') || ' bytes'" 2>/dev/null || true
	local i
	for i in $(seq 1 "$n"); do start_replica "$i"; done

	cp deploy/haproxy/haproxy.cfg "$dir/haproxy.cfg"
	for i in $(seq 1 "$n"); do
		printf '\tserver r%d 127.0.0.1:%d\n' "$i" "$(replica_port "$i")" >>"$dir/haproxy.cfg"
	done
	FLEET_PORT=$port haproxy -c -q -f "$dir/haproxy.cfg" || die "HAProxy refused $dir/haproxy.cfg"
	FLEET_PORT=$port timeout --signal=TERM "$lifetime" haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
	echo $! >"$dir/haproxy.pid"
	wait_ready "http://127.0.0.1:$port" 15 || die "HAProxy did not pass requests; see $dir/haproxy.log"
	echo "$n" >"$dir/replicas"
	echo "fleet up: http://127.0.0.1:$port ($n replicas: $(urls | tr '\n' ' '))"
}

urls() {
	local i
	for i in $(seq 1 "$(cat "$dir/replicas" 2>/dev/null || echo "$n")"); do echo "http://127.0.0.1:$(replica_port "$i")"; done
}

metrics_urls() {
	local i
	for i in $(seq 1 "$(cat "$dir/replicas" 2>/dev/null || echo "$n")"); do echo "http://127.0.0.1:$(metrics_port "$i")"; done
}

stop_pid() { # PIDFILE
	[ -f "$1" ] || return 0
	local pid
	pid=$(cat "$1")
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null || true
		# timeout(1) forwards the TERM; its child may outlive it by a moment.
		pkill -KILL -P "$pid" 2>/dev/null || true
	fi
	rm -f "$1"
}

down() {
	[ -d "$dir" ] || return 0
	stop_pid "$dir/haproxy.pid"
	local f
	for f in "$dir"/r*.pid; do [ -e "$f" ] && stop_pid "$f"; done
	stop_pid "$dir/fake.pid"
	stop_pid "$dir/redis.pid"
	if [ -f "$dir/db" ]; then
		psql "$pgurl/postgres" -qAt -c "SELECT 'fleet database: ' || pg_database_size('$(cat "$dir/db")') || ' bytes, ' || (SELECT count(*) FROM pg_stat_activity WHERE datname = '$(cat "$dir/db")') || ' connections left'" 2>/dev/null || true
		psql "$(cat "$dir/dburl")" -qAt -c "SELECT 'fleet cases: ' || count(*) FROM cases" 2>/dev/null || true
		psql "$pgurl/postgres" -qAt -c "DROP DATABASE IF EXISTS $(cat "$dir/db") WITH (FORCE)" >/dev/null || true
	fi
	if [ -f "$dir/prefix" ]; then
		redis-cli -u "$redis_url" --scan --pattern "$(cat "$dir/prefix")*" 2>/dev/null | xargs -r -n 500 redis-cli -u "$redis_url" del >/dev/null 2>&1 || true
	fi
	if [ -n "${KEEP_LOGS:-}" ]; then
		mkdir -p "$KEEP_LOGS" && cp "$dir"/*.log "$KEEP_LOGS"/ 2>/dev/null || true
	fi
	rm -rf "$dir"
	echo "fleet down"
}

status() {
	[ -d "$dir" ] || { echo "no fleet"; return 0; }
	local f
	for f in "$dir"/*.pid; do
		[ -e "$f" ] || continue
		if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f" .pid): running"; else echo "$(basename "$f" .pid): stopped"; fi
	done
}

load() {
	"$dir/bin/aijudge" load -target "http://127.0.0.1:$port" -replicas "$(metrics_urls | paste -sd,)" "$@"
}

cmd=${1:-}
shift || true
case "$cmd" in
up) up ;;
down) down ;;
status) status ;;
kill)
	# The pid file names timeout(1); the replica is its child.
	sig=${2:-KILL}
	pkill -"$sig" -P "$(cat "$dir/r$1.pid")"
	echo "replica $1: SIG$sig at $(date +%T.%N | cut -c1-12)"
	;;
start) start_replica "$1"; echo "replica $1 ready at $(date +%T.%N | cut -c1-12)" ;;
kill-redis)
	[ -f "$dir/redis.pid" ] || die "the fleet has no Redis of its own (PRIVATE_REDIS=1)"
	pkill -KILL -P "$(cat "$dir/redis.pid")"
	echo "fleet Redis: SIGKILL at $(date +%T.%N | cut -c1-12)"
	;;
start-redis) start_redis; echo "fleet Redis started at $(date +%T.%N | cut -c1-12)" ;;
load) load "$@" ;;
run)
	trap down EXIT
	up
	load "$@"
	;;
smoke)
	trap down EXIT
	FAKE_MIN=${FAKE_MIN:-500ms} FAKE_MAX=${FAKE_MAX:-1500ms} LOG_LEVEL=warn up
	load -rate 1 -duration 15s -sessions 15 -arguments 1 -revisits 1 -think 500ms -drain 60s -quiet "$@"
	;;
*) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
