#!/usr/bin/env bash
# Runs the HTTP integration suite (tests/integration/*.test.mjs) against a real kenes server on
# SQLite (one server) and on PostgreSQL 15 (a throwaway cluster, two servers on one database for
# the two-instance tests). The two backends run at the same time, each with its own servers and
# SMTP sink: the suite mostly waits on round trips, so on two cores this takes little more than
# the longer of the two (KENES_IT_SERIAL=1 runs them one after the other, output as it comes).
#
# Usage: tests/run-integration.sh <path-to-kenes-binary>
# Environment (optional):
#   KENES_IT_BACKENDS   backends to run, default "sqlite postgresql"
#   KENES_IT_PG_BIN     PostgreSQL binaries, default /usr/lib/postgresql/15/bin
#   KENES_IT_KEEP=1     keep the temp dir (databases, logs) for inspection
#   KENES_IT_FILES      test files to run instead of all of tests/integration/*.test.mjs
#   KENES_IT_SERIAL=1   one backend after the other
# The servers get KENES_METRICS_TOKEN (generated here); on PostgreSQL KENES_DATA_DIR names the
# directory of the shared key file and anchor file.
# Exit status: 0 only when every backend ran and no test failed and every server stopped cleanly.
set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <path-to-kenes-binary>" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$(realpath "$1" 2>/dev/null || true)
if [ -z "$BIN" ] || [ ! -x "$BIN" ]; then
  echo "run-integration: $1 is not an executable" >&2
  exit 2
fi
command -v node >/dev/null || { echo "run-integration: node is required" >&2; exit 2; }

BACKENDS=${KENES_IT_BACKENDS:-sqlite postgresql}
PG_BIN=${KENES_IT_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ -n "${KENES_IT_FILES:-}" ]; then
  read -r -a TEST_FILES <<<"$KENES_IT_FILES"
else
  TEST_FILES=("$ROOT"/tests/integration/*.test.mjs)
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/kenes-it.XXXXXX")
chmod 755 "$TMP"
SERVER_PIDS=()
BACKGROUND=()
PG_DATA=""
PG_RUNAS=()
FAILED=0
SUMMARY=()

log() { printf '\n== %s\n' "$*"; }

# Stops what this shell started (a backend run in the background has its own servers and cluster).
stop_children() {
  for pid in "${SERVER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null
    fi
  done
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    "${PG_RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

cleanup() {
  local rc=$?
  for pid in "${BACKGROUND[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  stop_children
  if [ "${KENES_IT_KEEP:-0}" = 1 ]; then
    echo "run-integration: kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_ready URL PID LOG: polls URL/readyz until 200 (60 s), fails early when the process died.
wait_ready() {
  local url=$1 pid=$2 logfile=$3
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run-integration: server $pid exited during start-up; log:" >&2
      tail -n 40 "$logfile" >&2
      return 1
    fi
    if node -e 'fetch(process.argv[1]+"/readyz").then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "run-integration: $url/readyz did not answer 200 within 60 s; log:" >&2
  tail -n 40 "$logfile" >&2
  return 1
}

# start_server NAME DB PORT: starts kenes serve in the background; sets STARTED_PID.
start_server() {
  local name=$1 db=$2 port=$3
  KENES_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" "$BIN" serve --db "$db" --port "$port" --static-dir "$STATIC_DIR" >"$TMP/$name.log" 2>&1 &
  STARTED_PID=$!
  SERVER_PIDS+=("$STARTED_PID")
  wait_ready "http://127.0.0.1:$port" "$STARTED_PID" "$TMP/$name.log"
}

# stop_server PID NAME: SIGTERM, expects exit status 0 within 30 s.
stop_server() {
  local pid=$1 name=$2 rc
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "run-integration: $name did not stop within 30 s after SIGTERM" >&2
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 1
  fi
  wait "$pid"
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "run-integration: $name exited with status $rc after SIGTERM; log tail:" >&2
    tail -n 20 "$TMP/$name.log" >&2
    return 1
  fi
  echo "run-integration: $name stopped cleanly (exit 0)"
}

# run_suite BACKEND URL URL2 DB: runs node --test, prints and records the counts.
run_suite() {
  local backend=$1 url=$2 url2=$3 db=$4
  local tap="$TMP/$backend.tap" rc
  local node_major node_minor
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  node_minor=$(node -p 'process.versions.node.split(".")[1]')
  log "$backend: node --test (${#TEST_FILES[@]} files) against $url${url2:+ and $url2}"
  # Every document the tests download is kept here and validated by independent tools afterwards.
  local -x KENES_IT_ARTIFACTS="$TMP/$backend-documents"
  rm -rf "$KENES_IT_ARTIFACTS"
  if [ "$node_major" -gt 19 ] || { [ "$node_major" -eq 18 ] && [ "$node_minor" -ge 15 ]; } || { [ "$node_major" -eq 19 ] && [ "$node_minor" -ge 6 ]; }; then
    KENES_URL=$url KENES_URL_2=$url2 KENES_BACKEND=$backend KENES_BIN=$BIN KENES_DB=$db KENES_SMTP_SINK=$SMTP_SINK KENES_SMTP_RELAY="smtp://127.0.0.1:$SMTP_PORT" \
      node --test --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" "${TEST_FILES[@]}"
    rc=$?
  else
    KENES_URL=$url KENES_URL_2=$url2 KENES_BACKEND=$backend KENES_BIN=$BIN KENES_DB=$db KENES_SMTP_SINK=$SMTP_SINK KENES_SMTP_RELAY="smtp://127.0.0.1:$SMTP_PORT" \
      node --test "${TEST_FILES[@]}" | tee "$tap"
    rc=${PIPESTATUS[0]}
  fi
  # The validators over what the suite downloaded (tests/integration/after/): their counts join the
  # backend's.
  local after_tap="$TMP/$backend-after.tap" after_rc
  log "$backend: independent validators on the documents the suite downloaded"
  KENES_BACKEND=$backend node --test --test-reporter=tap "$ROOT/tests/integration/after/documents.test.mjs" >"$after_tap" 2>&1
  after_rc=$?
  if [ "$after_rc" -eq 0 ]; then grep -E '^(not )?ok ' "$after_tap"; else head -c 60000 "$after_tap"; fi
  [ "$after_rc" -eq 0 ] || rc=1
  local tests pass fail skipped cancelled
  sum() { grep -hE "^# $1 [0-9]+" "$tap" "$after_tap" | awk '{n += $3} END {print n + 0}'; }
  tests=$(sum tests)
  pass=$(sum pass)
  fail=$(sum fail)
  skipped=$(sum skipped)
  cancelled=$(sum cancelled)
  grep -qE '^# fail [0-9]+' "$tap" || fail='?'
  SUMMARY+=("$backend: ran ${tests:-?}, passed ${pass:-?}, failed ${fail:-?}, skipped ${skipped:-0}, cancelled ${cancelled:-0}")
  if [ "$rc" -ne 0 ] || [ "${fail:-1}" != 0 ] || [ "${cancelled:-0}" != 0 ]; then
    FAILED=1
  fi
}

# The web UI to serve; a stand-in page when it has not been built (web/dist is a build product).
STATIC_DIR="$ROOT/web/dist"
if [ ! -f "$STATIC_DIR/index.html" ]; then
  STATIC_DIR="$TMP/static"
  mkdir -p "$STATIC_DIR"
  printf '<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Kenes</title></head><body><div id="app"></div></body></html>\n' \
    >"$STATIC_DIR/index.html"
  echo "run-integration: web/dist/index.html not found; serving a stand-in page from $STATIC_DIR"
fi

# start_sink NAME: an SMTP sink that the servers started after it mail to; the tests read what
# arrived from its HTTP side. Sets SMTP_PORT and SMTP_SINK (declare them local in the caller).
# A free port can be taken by the other backend's processes before the sink binds it (the two
# backends start in parallel), so the sink must answer before it is used; another pair of ports
# is tried when it does not.
start_sink() {
  local http_port pid attempt i
  for attempt in 1 2 3 4 5; do
    SMTP_PORT=$(free_port)
    http_port=$(free_port)
    SMTP_SINK="http://127.0.0.1:$http_port"
    node "$ROOT/tests/integration/lib/smtp-sink.mjs" --smtp "$SMTP_PORT" --http "$http_port" >"$TMP/smtp-sink-$1.log" 2>&1 &
    pid=$!
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      if node -e 'fetch(process.argv[1]+"/messages").then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$SMTP_SINK" 2>/dev/null; then
        SERVER_PIDS+=("$pid")
        return 0
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    echo "run-integration: the SMTP sink ($1) did not answer on $SMTP_SINK (attempt $attempt); log:" >&2
    cat "$TMP/smtp-sink-$1.log" >&2
  done
  return 1
}

run_sqlite() {
  local db="sqlite:$TMP/kenes.db" port pid SMTP_PORT SMTP_SINK
  start_sink sqlite || return 1
  log "sqlite: migrate + demo ($db)"
  "$BIN" migrate --db "$db" >"$TMP/sqlite-migrate.log" 2>&1 || { echo "migrate failed:" >&2; cat "$TMP/sqlite-migrate.log" >&2; return 1; }
  "$BIN" demo --db "$db" >"$TMP/sqlite-demo.log" 2>&1 || { echo "demo failed:" >&2; cat "$TMP/sqlite-demo.log" >&2; return 1; }
  port=$(free_port)
  start_server sqlite-serve "$db" "$port" || return 1
  pid=$STARTED_PID
  run_suite sqlite "http://127.0.0.1:$port" "" "$db"
  stop_server "$pid" sqlite-serve || FAILED=1
}

run_postgresql() {
  local pgport port1 port2 pid1 pid2 db SMTP_PORT SMTP_SINK
  start_sink postgresql || return 1
  # The key file and the anchors of both servers (and of the CLI the tests run): PostgreSQL has no
  # database file to put them beside.
  local -x KENES_DATA_DIR="$TMP/pg-files"
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "run-integration: $PG_BIN/initdb not found (install postgresql-15)" >&2
    return 1
  fi
  mkdir -p "$TMP/pg/sock"
  PG_DATA="$TMP/pg/data"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$TMP/pg"
    PG_RUNAS=(runuser -u postgres --)
  else
    PG_RUNAS=(env)
  fi
  pgport=$(free_port)
  log "postgresql: initdb + start on 127.0.0.1:$pgport"
  "${PG_RUNAS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$TMP/pg/initdb.log" 2>&1 \
    || { echo "initdb failed:" >&2; cat "$TMP/pg/initdb.log" >&2; return 1; }
  "${PG_RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$TMP/pg/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories=$TMP/pg/sock -c fsync=off -c max_connections=200" \
    start >/dev/null || { echo "pg_ctl start failed:" >&2; cat "$TMP/pg/postgres.log" >&2; return 1; }
  "${PG_RUNAS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$pgport" -U postgres kenes || return 1
  db="postgresql://postgres@127.0.0.1:$pgport/kenes"
  log "postgresql: migrate + demo ($db)"
  "$BIN" migrate --db "$db" >"$TMP/pg-migrate.log" 2>&1 || { echo "migrate failed:" >&2; cat "$TMP/pg-migrate.log" >&2; return 1; }
  "$BIN" demo --db "$db" >"$TMP/pg-demo.log" 2>&1 || { echo "demo failed:" >&2; cat "$TMP/pg-demo.log" >&2; return 1; }
  port1=$(free_port)
  start_server pg-serve-1 "$db" "$port1" || return 1
  pid1=$STARTED_PID
  port2=$(free_port)
  while [ "$port2" = "$port1" ]; do port2=$(free_port); done
  start_server pg-serve-2 "$db" "$port2" || return 1
  pid2=$STARTED_PID
  run_suite postgresql "http://127.0.0.1:$port1" "http://127.0.0.1:$port2" "$db"
  stop_server "$pid1" pg-serve-1 || FAILED=1
  stop_server "$pid2" pg-serve-2 || FAILED=1
  "${PG_RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || FAILED=1
}

# /metrics answers only with this token on the public listener (health.test.mjs).
KENES_METRICS_TOKEN=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')
export KENES_METRICS_TOKEN

run_backend() {
  case $1 in
    sqlite) run_sqlite || { FAILED=1; SUMMARY+=("sqlite: setup failed, suite not run"); } ;;
    postgresql) run_postgresql || { FAILED=1; SUMMARY+=("postgresql: setup failed, suite not run"); } ;;
    *) echo "run-integration: unknown backend $1" >&2; FAILED=1 ;;
  esac
}

# run_in_background BACKEND: the backend's run in a subshell that reports through files and
# stops its own servers whatever happens.
run_in_background() {
  (
    SERVER_PIDS=()
    PG_DATA=""
    SUMMARY=()
    FAILED=0
    trap 'stop_children' EXIT
    trap 'exit 143' TERM
    run_backend "$1"
    printf '%s\n' "${SUMMARY[@]}" >"$TMP/$1.summary"
    echo "$FAILED" >"$TMP/$1.failed"
  ) >"$TMP/$1.out" 2>&1 &
  BACKGROUND+=("$!")
}

read -r -a BACKEND_LIST <<<"$BACKENDS"
if [ "${KENES_IT_SERIAL:-0}" = 1 ] || [ "${#BACKEND_LIST[@]}" -lt 2 ]; then
  for backend in "${BACKEND_LIST[@]}"; do run_backend "$backend"; done
else
  log "${BACKEND_LIST[*]} at the same time; each one's output follows when it ends"
  for backend in "${BACKEND_LIST[@]}"; do run_in_background "$backend"; done
  for i in "${!BACKEND_LIST[@]}"; do
    backend=${BACKEND_LIST[$i]}
    wait "${BACKGROUND[$i]}"
    cat "$TMP/$backend.out"
    if [ -s "$TMP/$backend.summary" ]; then
      while IFS= read -r line; do SUMMARY+=("$line"); done <"$TMP/$backend.summary"
    else
      SUMMARY+=("$backend: did not report")
    fi
    [ "$(cat "$TMP/$backend.failed" 2>/dev/null)" = 0 ] || FAILED=1
  done
  BACKGROUND=()
fi

log "summary"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
if [ "$FAILED" -ne 0 ]; then
  echo "run-integration: FAILED"
  exit 1
fi
echo "run-integration: all passed"
exit 0
