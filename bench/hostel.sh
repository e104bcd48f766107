#!/usr/bin/env bash
# The hostel's allocation (seed 004 hostel rules): ranking and allocating 10,000 applicants
# (target < 50 ms), and the application window opening with 3,000 representatives submitting
# within one minute, each on its own connection (target: 0 errors, p99 < 200 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/kenes
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kenes-bench-hostel.XXXXXX")
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
FAMILIES=${KENES_BENCH_FAMILIES:-3000}
WINDOW=${KENES_BENCH_WINDOW:-60}
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="http://127.0.0.1:$PORT"
DB="sqlite:$TMP/kenes.db"

echo "==== hostel: ranking 10,000 applicants (target < 50 ms)"
if [ -x build/release/kenes_bench ]; then
  build/release/kenes_bench --benchmark_filter=HostelRankAndAllocate --benchmark_min_time=0.5 2>/dev/null | grep -E '^(Benchmark|Hostel|-)' || true
else
  echo "  build/release/kenes_bench is missing (Google Benchmark not installed)"
fi

echo "==== hostel: $FAMILIES representatives submitting within $WINDOW s (target 0 errors, p99 < 200 ms)"
"$BIN" --db "$DB" demo >/dev/null
CAMPAIGN=$(python3 bench/hostel_fixture.py "$TMP/kenes.db" "$FAMILIES" "$TMP/families.txt")
"$BIN" --db "$DB" serve --port "$PORT" --static-dir web/dist --no-access-log >"$TMP/server.log" 2>&1 &
PID=$!
until curl -fs "$URL/healthz" >/dev/null 2>&1; do sleep 0.01; done
echo "  $(node bench/hostel_apply.mjs "$URL" "$TMP/families.txt" "$CAMPAIGN" "$WINDOW")"
sqlite3 "$TMP/kenes.db" "SELECT '  journal: ' || count(*) || ' applications, numbers ' || min(number) || '..' || max(number) || ', distinct ' || count(DISTINCT number) FROM hostel_applications WHERE campaign_id = $CAMPAIGN"
