#!/usr/bin/env bash
# The fleet runs of docs/CAPACITY.md, one by name, each bounded (a few
# minutes) and each stopping the fleet when done. Reports go to
# ${OUT:-/tmp/aijudge-capacity}/NAME.{md,json,out}.
#
#   scripts/capacity-runs.sh sustained   1 session/s for 90 s: the fleet at its judge capacity
#   scripts/capacity-runs.sh replica     0.5 sessions/s; replica 2 SIGKILLed at 30 s, started at 45 s
#   scripts/capacity-runs.sh redis       0.5 sessions/s; the fleet's Redis SIGKILLed at 30 s, started at 45 s
#   scripts/capacity-runs.sh ratelimit   1.5 sessions/s (6 judge calls/s) against the default 60 LLM requests a minute
#   scripts/capacity-runs.sh waiting     1,000 sessions waiting on 45-s judge calls at once
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/aijudge-capacity}
mkdir -p "$out"
name=${1:?name a run}
fleet=scripts/fleet.sh
report=(-json "$out/$name.json" -markdown "$out/$name.md")

at() { # SECONDS COMMAND...: run COMMAND that many seconds from now, in the background
	local s=$1
	shift
	(sleep "$s" && "$@") &
}

case "$name" in
sustained)
	LLM_REQUESTS_PER_MINUTE=100000 $fleet run -rate 1 -duration 90s -sessions 200 -arguments 2 -revisits 2 -think 5s -drain 150s "${report[@]}"
	;;
replica | redis)
	export LLM_REQUESTS_PER_MINUTE=100000
	[ "$name" = redis ] && export PRIVATE_REDIS=1
	trap '$fleet down' EXIT
	$fleet up
	if [ "$name" = replica ]; then
		at 30 $fleet kill 2 KILL
		at 45 $fleet start 2
	else
		at 30 $fleet kill-redis
		at 45 $fleet start-redis
	fi
	echo "load starts at $(date +%T.%N | cut -c1-12)"
	$fleet load -rate 0.5 -duration 60s -sessions 100 -arguments 2 -revisits 1 -think 3s -drain 120s "${report[@]}" || true
	wait
	;;
ratelimit)
	LLM_REQUESTS_PER_MINUTE=60 $fleet run -rate 1.5 -duration 40s -sessions 100 -arguments 2 -revisits 1 -think 2s -drain 150s "${report[@]}" || true
	;;
waiting)
	AUTH_MODE=open LLM_REQUESTS_PER_MINUTE=1000000 LLM_MAX_CONCURRENT=400 LLM_QUEUE=100 FAKE_MIN=45s FAKE_MAX=45s LOG_LEVEL=warn \
		$fleet run -open -rate 100 -duration 10s -sessions 1000 -arguments 0 -revisits 0 -think 0 -drain 150s "${report[@]}" || true
	;;
*) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
