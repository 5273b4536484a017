#!/usr/bin/env bash
# Stripe's own stripe-mock (https://github.com/stripe/stripe-mock), a fake Stripe API server
# driven by Stripe's OpenAPI spec, for development and tests. It validates requests and
# returns fixture-shaped responses; it keeps no state (a created object cannot be fetched back).
#
#   scripts/services/stripe-mock.sh start    # idempotent; installs on first run, waits for health
#   scripts/services/stripe-mock.sh status   # exit 0 if answering, 1 if not
#   scripts/services/stripe-mock.sh stop     # idempotent; SIGTERM, then SIGKILL after a timeout
#
# Environment (all optional):
#   STRIPE_MOCK_PORT=12111          HTTP port (bound to 127.0.0.1 only, via -http-addr; the HTTPS
#                                   listener stripe-mock insists on goes to 127.0.0.1:<random>)
#   STRIPE_MOCK_START_TIMEOUT=60    seconds to wait for health
#   GO=/usr/local/go/bin/go         Go toolchain used for the one-time install
# Binary: $REPO_ROOT/.services/bin/stripe-mock (go install from the Go module proxy, pinned
# below; `stripe-mock -version` just says "master", so the installed version is read with
# `go version -m`). State (pid, log): $REPO_ROOT/.services/stripe-mock/
set -Eeuo pipefail
trap 'echo "stripe-mock.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

STRIPE_MOCK_MODULE=github.com/stripe/stripe-mock
STRIPE_MOCK_VERSION=v0.203.0

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
BIN_DIR="$REPO_ROOT/.services/bin"
BIN="$BIN_DIR/stripe-mock"
BASE="$REPO_ROOT/.services/stripe-mock"
PID_FILE="$BASE/stripe-mock.pid"
LOG_FILE="$BASE/stripe-mock.log"
PORT="${STRIPE_MOCK_PORT:-12111}"
START_TIMEOUT="${STRIPE_MOCK_START_TIMEOUT:-60}"
STOP_TIMEOUT=20
URL="http://127.0.0.1:$PORT"

say() { echo "stripe-mock: $*"; }
[[ "$PORT" =~ ^[0-9]+$ ]] || { say "STRIPE_MOCK_PORT must be a number, not '$PORT'" >&2; exit 2; }

find_go() {
    if [[ -n "${GO:-}" ]]; then echo "$GO"; return; fi
    if [[ -x /usr/local/go/bin/go ]]; then echo /usr/local/go/bin/go; return; fi
    command -v go || { say "no Go toolchain found (set GO=/path/to/go)" >&2; exit 1; }
}

installed_version() {
    [[ -x "$BIN" ]] || return 1
    "$(find_go)" version -m "$BIN" 2>/dev/null \
        | awk -v m="$STRIPE_MOCK_MODULE" '$1 == "mod" && $2 == m { print $3; exit }'
}

ensure_installed() {
    if [[ -x "$BIN" && "$(installed_version || true)" == "$STRIPE_MOCK_VERSION" ]]; then return 0; fi
    local go
    go="$(find_go)"
    say "installing $STRIPE_MOCK_MODULE@$STRIPE_MOCK_VERSION into $BIN_DIR (first run: ~20 s)..."
    mkdir -p "$BIN_DIR"
    (cd / && GOBIN="$BIN_DIR" GOFLAGS=-buildvcs=false GO111MODULE=on \
        "$go" install "$STRIPE_MOCK_MODULE@$STRIPE_MOCK_VERSION") 9>&- \
        || { say "go install failed" >&2; exit 1; }
}

is_healthy() {
    curl -fsS --max-time 3 -o /dev/null -H "Authorization: Bearer sk_test_123" "$URL/v1/customers" 2>/dev/null
}

# The pid of our server, if the pid file names a live stripe-mock process.
running_pid() {
    local pid
    [[ -f "$PID_FILE" ]] || return 1
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$BIN"* ]] || return 1
    echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

show_log_tail() {
    echo "---- last lines of $LOG_FILE ----" >&2
    tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
    echo "----" >&2
}

take_lock() {
    mkdir -p "$BASE"
    exec 9>"$BASE/.lock"
    flock -w $((START_TIMEOUT + 300)) 9 || { say "another start/stop holds $BASE/.lock" >&2; exit 1; }
}

wait_healthy() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if is_healthy; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then
            say "the server exited during startup" >&2
            return 1
        fi
        sleep 0.5
    done
    say "not healthy after ${START_TIMEOUT}s" >&2
    return 1
}

cmd_start() {
    take_lock
    local pid
    if pid="$(running_pid)" && is_healthy; then
        say "already running (pid $pid)"
        say "up on $URL"
        return 0
    fi
    if [[ -n "${pid:-}" ]]; then
        say "pid $pid is not answering yet; waiting"
    else
        if port_in_use; then
            say "port $PORT on 127.0.0.1 is taken by another process (set STRIPE_MOCK_PORT)" >&2
            exit 1
        fi
        ensure_installed
        if [[ -f "$LOG_FILE" ]]; then mv -f "$LOG_FILE" "$LOG_FILE.1"; fi
        # -http-addr with an explicit IP binds loopback only. stripe-mock always opens an
        # HTTPS listener too unless -http/-http-port/-http-unix is used (-http-addr does not
        # count, see main.go getNonSecureHTTPSListener) and HTTPS cannot be switched off, so
        # it is pinned to loopback on an OS-chosen free port (never conflicts; unused).
        (cd "$BASE" && exec nohup setsid "$BIN" -http-addr "127.0.0.1:$PORT" -https-addr 127.0.0.1:0 \
            </dev/null >"$LOG_FILE" 2>&1 9>&-) &
        pid=$!
        echo "$pid" >"$PID_FILE"
    fi
    if ! wait_healthy "$pid"; then
        show_log_tail
        exit 1
    fi
    say "up on $URL"
}

cmd_stop() {
    take_lock
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        say "not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
        say "pid $pid still alive after ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PID_FILE"
    say "stopped (pid $pid)"
}

cmd_status() {
    local pid
    if pid="$(running_pid)" && is_healthy; then
        say "up on $URL (pid $pid)"
        exit 0
    fi
    if [[ -n "${pid:-}" ]]; then
        say "pid $pid is running but not answering on $URL"
    else
        say "down"
    fi
    exit 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
