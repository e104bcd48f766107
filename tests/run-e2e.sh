#!/usr/bin/env bash
# End-to-end tests: a real kenes server with the demo institution on a throwaway SQLite database,
# driven by tests/e2e/*.test.mjs in headless Debian Chromium (playwright-core).
# Usage: tests/run-e2e.sh <path-to-kenes-binary>
# KENES_E2E_FILES (optional): the test files to run instead of all of tests/e2e/*.test.mjs.
# The server reads its clock from $TMP/clock (KENES_CLOCK_FILE, Unix milliseconds) when a test
# writes it; empty or absent, the real time. Tests that write it empty it again.
# The server mails its notices to an SMTP sink (tests/integration/lib/smtp-sink.mjs); the tests
# read what arrived from KENES_SMTP_SINK (GET /messages).
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 <path-to-kenes-binary>" >&2; exit 2; }
cd "$(dirname "$0")/.."
BIN=$(realpath "$1")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kenes-e2e.XXXXXX")
PID=""
SINK_PID=""
cleanup() {
  [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  [ -n "$SINK_PID" ] && kill -TERM "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PORT=$(free_port)
SMTP_PORT=$(free_port)
SMTP_HTTP_PORT=$(free_port)
SMTP_SINK="http://127.0.0.1:$SMTP_HTTP_PORT"
node tests/integration/lib/smtp-sink.mjs --smtp "$SMTP_PORT" --http "$SMTP_HTTP_PORT" >"$TMP/smtp-sink.log" 2>&1 &
SINK_PID=$!
DB="sqlite:$TMP/kenes.db"
"$BIN" --db "$DB" demo >/dev/null || { echo "e2e: demo data failed" >&2; exit 1; }
KENES_CLOCK_FILE="$TMP/clock" KENES_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" "$BIN" --db "$DB" serve --port "$PORT" --static-dir web/dist --no-access-log >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && curl -fs "$SMTP_SINK/messages" >/dev/null 2>&1 && break
  sleep 0.1
done
if [ -n "${KENES_E2E_FILES:-}" ]; then read -r -a FILES <<<"$KENES_E2E_FILES"; else FILES=(tests/e2e/*.test.mjs); fi
KENES_URL="http://127.0.0.1:$PORT" KENES_CLOCK_FILE="$TMP/clock" KENES_DB="$DB" KENES_BIN="$BIN" KENES_SMTP_SINK="$SMTP_SINK" node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TMP/e2e.tap" "${FILES[@]}"
rc=$?
grep -E '^# (tests|pass|fail|skipped|cancelled) ' "$TMP/e2e.tap"
if [ $rc -ne 0 ]; then
  echo "---- server log (tail)"; tail -n 30 "$TMP/server.log"
fi
exit $rc
