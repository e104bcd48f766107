#!/usr/bin/env bash
# The attendance journal under load (seed 004): a school of 1,000 students, 7 lessons a day, a
# whole academic year of marks (about 1.26 million rows); 64 curators and teachers marking their
# class of 30 in one request at the same time; a group's term summary; the whole school's term
# report. Targets: marking p99 < 20 ms, group summary < 50 ms, school report < 500 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/kenes
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kenes-bench-att.XXXXXX")
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
DURATION=${KENES_BENCH_SECONDS:-10}
STUDENTS=${KENES_BENCH_STUDENTS:-1000}
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="http://127.0.0.1:$PORT"
DB="sqlite:$TMP/kenes.db"
now_ms() { date +%s%3N; }

echo "==== attendance: a school of $STUDENTS students, 7 lessons a day, a year of marks"
"$BIN" --db "$DB" demo >/dev/null
t0=$(now_ms)
read -r YEAR GROUP DAYS ROWS < <(python3 bench/attendance_fixture.py "$TMP/kenes.db" "$STUDENTS" "$TMP/markers.txt")
echo "fixture: $ROWS marks over $DAYS school days of $YEAR in $(( $(now_ms) - t0 )) ms"
"$BIN" --db "$DB" serve --port "$PORT" --static-dir web/dist --no-access-log >"$TMP/server.log" 2>&1 &
PID=$!
until curl -fs "$URL/healthz" >/dev/null 2>&1; do sleep 0.01; done
curl -fs -c "$TMP/cookies" -H 'Content-Type: application/json' -d '{"login":"admin","password":"kenes-demo-2026"}' "$URL/api/v1/session" >/dev/null
ADMIN=$(awk '$6=="kenes_session" {print $7}' "$TMP/cookies")
CURATOR=$(head -1 "$TMP/markers.txt" | cut -d' ' -f1)

report() { # label wrk-output target
  local rps p50 p99 non2xx
  rps=$(echo "$2" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$2" | awk '$1=="50%" {print $2}')
  p99=$(echo "$2" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$2" | awk '/Non-2xx/ {print $NF}')
  printf '%-58s %9s req/s   median %-9s p99 %-9s (target %s) %s\n' "$1" "$rps" "$p50" "$p99" "$3" "${non2xx:+non-2xx: $non2xx}"
}

echo "64 curators and teachers, each marking a class of 30 in one request, then a moment (0-1 s) before the next (target p99 < 20 ms):"
echo "  $(node bench/attendance_curators.mjs "$URL" "$TMP/markers.txt" "$DURATION" 500)"
out=$(wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/attendance_mark.lua "$URL" -- "$TMP/markers.txt" 2)
report "PUT a class of 30, 64 connections back to back (saturation)" "$out" "throughput"
out=$(wrk -t1 -c4 -d"${DURATION}s" --latency -H "Cookie: kenes_session=$CURATOR" "$URL/api/v1/groups/$GROUP/attendance/summary?year=$YEAR&term=1")
report "GET a group's term summary, 4 connections" "$out" "< 50 ms"
out=$(wrk -t1 -c1 -d"${DURATION}s" --latency -H "Cookie: kenes_session=$ADMIN" "$URL/api/v1/attendance/report?year=$YEAR&term=1")
report "GET the whole school's term report, 1 connection" "$out" "< 500 ms"
sqlite3 "$TMP/kenes.db" "SELECT 'marks now: ' || count(*) FROM attendance_marks; SELECT 'proposals made while marking (DISC-ESC-1): ' || count(*) FROM attendance_proposals WHERE academic_year = '$YEAR'"
