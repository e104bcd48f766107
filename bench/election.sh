#!/usr/bin/env bash
# Election day on SQLite with synchronous=FULL (part of `make bench`, also runnable alone):
#  - the tally of 1,000,000 ballots, the results protocol PDF
#  - password sign-ins per second (Argon2id) and what that means for 30,000 students
#  - casting encrypted ballots by code over HTTP (bench/ballots.mjs): online ballots are encrypted
#    in the voter's browser (issue 13), so each voter's ballot is made by belenios-tool beforehand
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/release/kenes}
VOTERS=${KENES_BENCH_VOTERS:-30000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kenes-election.XXXXXX")
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
URL="http://127.0.0.1:$PORT"
DB="sqlite:$TMP/kenes.db"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Election day 10:00 Almaty on the server's clock (KENES_CLOCK_FILE), the last Friday of next September.
CLOCK=$(node -e '
  const y = new Date().getUTCFullYear() + 1;
  let d = 30; while (new Date(Date.UTC(y, 8, d)).getUTCDay() !== 5) d--;
  console.log(Date.UTC(y, 8, d, 5, 0, 0));')
echo "$CLOCK" >"$TMP/clock"
"$BIN" --db "$DB" demo >/dev/null
read -r ELECTION TALLY_ELECTION < <(python3 bench/election_fixture.py "$TMP/kenes.db" "$VOTERS" "$CLOCK" 1000000)
start_server() {
  KENES_CLOCK_FILE="$TMP/clock" "$BIN" --db "$DB" serve --port "$PORT" --static-dir web/dist --no-access-log >"$TMP/server.log" 2>&1 &
  PID=$!
  until curl -fs "$URL/healthz" >/dev/null 2>&1; do sleep 0.01; done
}
start_server

echo "==== 7. tally of 1,000,000 ballots, results protocol PDF"
COOKIES="$TMP/cookies"
curl -fs -c "$COOKIES" -H 'Content-Type: application/json' -d '{"login":"admin","password":"kenes-demo-2026"}' "$URL/api/v1/session" >"$TMP/session.json"
CSRF=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).csrf_token)' "$TMP/session.json")
tallies=()
for i in 1 2 3; do
  # Each run counts again: the counted result is reset in between (test data, straight in SQLite).
  sqlite3 "$TMP/kenes.db" "UPDATE elections SET counted_at = NULL, results_json = '' WHERE id = $TALLY_ELECTION"
  ms=$(curl -fs -o "$TMP/results.json" -w '%{time_total}' -b "$COOKIES" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d '{}' "$URL/api/v1/elections/$TALLY_ELECTION/count")
  tallies+=("$(node -e "console.log(Math.round(${ms} * 1000))")")
done
echo "  POST /count over 1,000,000 ballots (whole request): ${tallies[*]} ms (target < 100 ms); $(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(r.candidates.map(c=>c.votes).join(" vs "))' "$TMP/results.json")"
pdfs=()
for i in 1 2 3; do
  ms=$(curl -fs -o "$TMP/protocol.pdf" -w '%{time_total}' -b "$COOKIES" "$URL/api/v1/elections/$TALLY_ELECTION/protocol.pdf?lang=kk")
  pdfs+=("$(node -e "console.log(Math.round(${ms} * 1000))")")
done
echo "  results protocol PDF, two originals: ${pdfs[*]} ms, $(stat -c %s "$TMP/protocol.pdf") bytes (target < 1 s)"

echo
echo "==== 8. password sign-ins (Argon2id)"
# One account after another (the fixture's voters share the demo password): sign-in attempts in
# flight count against the account and address until they succeed, so eight connections on one
# account would measure 429 answers, not sign-ins.
cat >"$TMP/signin.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, string.format('{"login":"bench-%d-%d","password":"kenes-demo-2026"}', $ELECTION, n % $VOTERS))
end
LUA
out=$(wrk -t2 -c8 -d10s --latency -s "$TMP/signin.lua" "$URL/api/v1/session")
echo "$out" | grep -E 'Requests/sec|Non-2xx|^ +(50|99)%' | sed 's/^/  /'
rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
echo "  30,000 students signing in one after another at this rate: $(node -e "console.log(Math.round(30000 / ${rate}))") s"

echo
echo "==== 9. casting encrypted ballots by code (bench/ballots.mjs, a fresh demo database)"
"$BIN" --db "sqlite:$TMP/ballots.db" demo >/dev/null
KENES_BIN="$BIN" KENES_DB="sqlite:$TMP/ballots.db" node bench/ballots.mjs | sed 's/^/  /'
