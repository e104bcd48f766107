#!/usr/bin/env bash
# Election day on SQLite with synchronous=FULL (part of `make bench`, also runnable alone):
#  - 30,000 voters with sessions made beforehand cast their ballots as fast as the machine allows:
#    durable ballots/s, p50/p99, then 0 lost (every acknowledged ballot stored) and 0 duplicates
#  - the tally of 1,000,000 ballots, the results protocol PDF
#  - password sign-ins per second (Argon2id) and what that means for 30,000 students
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
now_ms() { date +%s%3N; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Election day 10:00 Almaty on the server's clock (KENES_CLOCK_FILE), the last Friday of next September.
CLOCK=$(node -e '
  const y = new Date().getUTCFullYear() + 1;
  let d = 30; while (new Date(Date.UTC(y, 8, d)).getUTCDay() !== 5) d--;
  console.log(Date.UTC(y, 8, d, 5, 0, 0));')
echo "$CLOCK" >"$TMP/clock"
"$BIN" --db "$DB" demo >/dev/null
read -r ELECTION A B TALLY_ELECTION CODE_ELECTION CODE_A CODE_B INST < <(python3 bench/election_fixture.py "$TMP/kenes.db" "$VOTERS" "$TMP/voters.txt" "$CLOCK" 1000000)
start_server() {
  KENES_CLOCK_FILE="$TMP/clock" "$BIN" --db "$DB" serve --port "$PORT" --static-dir web/dist --no-access-log >"$TMP/server.log" 2>&1 &
  PID=$!
  until curl -fs "$URL/healthz" >/dev/null 2>&1; do sleep 0.01; done
}
start_server

echo "==== 6. election day: $VOTERS voters cast ballots online (SQLite, synchronous=FULL)"
# cast NAME ELECTION MODE VOTERS_FILE PATH A B: one timed casting phase (MODE: session or code).
# wrk keeps its connections until the duration ends, so the time the ballots took is taken from the
# roll: a watcher notes when the first and the last voter were marked; then wrk is stopped (SIGINT
# prints its figures). Afterwards: acknowledged vs stored ballots vs voters marked.
cast() {
  local election=$2 mode=$3 voters=$4 path=$5 a=$6 b=$7
  python3 bench/roll_watch.py "$TMP/kenes.db" "$election" "$VOTERS" >"$TMP/watch.out" &
  local watch=$!
  sleep 0.2
  local t0; t0=$(now_ms)
  wrk -t2 -c${KENES_BENCH_CONNECTIONS:-128} -d120s --latency -s bench/ballot.lua "$URL" -- "$path" "$voters" 2 "$a" "$b" "$mode" >"$TMP/wrk.out" 2>&1 &
  local wrk_pid=$!
  wait "$watch" || true
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  local first_ms t1
  read -r first_ms t1 <"$TMP/watch.out"
  local out; out=$(cat "$TMP/wrk.out")
  echo "$out" | grep -E 'Requests/sec|Non-2xx|requests in|^ +(50|90|99)%|acknowledged' | sed 's/^/  /'
  local acknowledged ballots marked receipts_unique
  acknowledged=$(echo "$out" | awk '/^acknowledged/ {print $2}')
  read -r ballots marked < <(sqlite3 -separator ' ' "$TMP/kenes.db" \
    "SELECT (SELECT count(*) FROM ballots WHERE election_id = $election), (SELECT count(*) FROM voter_roll WHERE election_id = $election AND voted_via = 'online')")
  receipts_unique=$(sqlite3 "$TMP/kenes.db" "SELECT count(DISTINCT receipt) FROM ballots WHERE election_id = $election")
  local span=$(( t1 - t0 )) span_marked=$(( t1 - first_ms ))
  echo "  $1: $ballots durable ballots in $span ms from the first request to the last voter marked -> $(( ballots * 1000 / (span + 1) )) ballots/s; first to last marked: $span_marked ms -> $(( ballots * 1000 / (span_marked + 1) )) ballots/s (target >= 10,000/s, p99 < 50 ms)"
  echo "  acknowledged $acknowledged, stored $ballots, voters marked $marked, distinct receipts $receipts_unique -> lost $(( acknowledged - ballots )), duplicates $(( ballots - receipts_unique + marked - ballots ))"
}

cast "signed-in voters" "$ELECTION" session "$TMP/voters.txt" "/api/v1/elections/$ELECTION/votes" "$A" "$B"
echo
echo "==== 6b. the same $VOTERS students vote with one-time voting codes (no sign-in)"
cast "voting codes" "$CODE_ELECTION" code "$TMP/voters.txt.codes" "/api/v1/public/institutions/$INST/elections/$CODE_ELECTION/votes" "$CODE_A" "$CODE_B"

echo
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
