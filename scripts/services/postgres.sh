#!/usr/bin/env bash
# A project-owned PostgreSQL 15 cluster for development and tests (not Debian's default
# "main" cluster: this one has its own data dir, socket dir, log and port).
#
#   scripts/services/postgres.sh start    # idempotent; initdb on first run, waits for pg_isready,
#                                         # ensures role + database "marketplace" exist
#   scripts/services/postgres.sh status   # exit 0 if accepting connections, 1 if not
#   scripts/services/postgres.sh stop     # idempotent; pg_ctl stop -m fast
#   scripts/services/postgres.sh url      # prints the DATABASE_URL
#
# Environment (all optional):
#   POSTGRES_PORT=54329            TCP port (listens on 127.0.0.1 only)
#   POSTGRES_START_TIMEOUT=60      seconds to wait for pg_isready
#
# Role "marketplace" (password "marketplace", LOGIN CREATEDB so pytest-django can create
# test_* databases) owns database "marketplace".
#
# Where the cluster lives
# -----------------------
# initdb refuses to run as root, so when this script runs as root the server runs as the
# `postgres` OS user (via runuser), and that user must be able to reach and write its
# directory. The preferred home is $REPO_ROOT/.services/postgres (chowned to postgres; the
# data dir is .services/postgres/data, socket dir .services/postgres/run, log
# .services/postgres/postgres.log). But a checkout often sits below a directory that other
# users cannot traverse (mktemp -d makes 0700 dirs: /tmp/ci-xyz/repo; /root is 0700).
# Rather than chmod-ing parent directories we do not own, the script then falls back to
# /var/tmp/marketplace-pg-<first 12 hex of sha256(REPO_ROOT)> (sticky, world-traversable,
# survives reboots unlike /tmp; the hash keeps separate checkouts apart) and leaves a
# symlink $REPO_ROOT/.services/postgres/home pointing at it. The choice is re-made on each
# run, but an existing cluster is always reused where it is. Unix socket paths are limited
# to ~107 bytes, so a very deep checkout also gets its socket dir under /var/tmp.
# When not run as root, the server simply runs as the invoking user in the repo dir.
set -Eeuo pipefail
trap 'echo "postgres.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
PORT="${POSTGRES_PORT:-54329}"
START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
PG_BIN=/usr/lib/postgresql/15/bin
DB_NAME=marketplace
DB_USER=marketplace
DB_PASSWORD=marketplace
URL="postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"

LOCAL_HOME="$REPO_ROOT/.services/postgres"
HASH="$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)"
FALLBACK_HOME="/var/tmp/marketplace-pg-$HASH"

say() { echo "postgres: $*"; }
[[ "$PORT" =~ ^[0-9]+$ ]] || { say "POSTGRES_PORT must be a number, not '$PORT'" >&2; exit 2; }

if [[ $EUID -eq 0 ]]; then PG_OS_USER=postgres; else PG_OS_USER="$(id -un)"; fi

# Run a command as the cluster owner, from / (pg_ctl and psql complain if the cwd is not
# readable by the postgres user). fd 9 (our flock) is closed so the postmaster started by
# pg_ctl does not inherit it and hold the lock forever.
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@" 9>&-)
    else
        (cd / && "$@" 9>&-)
    fi
}

ensure_installed() {
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]] && return 0
    [[ $EUID -eq 0 ]] || { say "PostgreSQL 15 is not installed (need root to apt-get install postgresql-15)" >&2; exit 1; }
    say "installing postgresql-15 with apt-get..."
    export DEBIAN_FRONTEND=noninteractive
    local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
    if ! "${apt[@]}" install -y postgresql-15; then
        "${apt[@]}" update
        "${apt[@]}" install -y postgresql-15
    fi
    [[ -x "$PG_BIN/initdb" ]] || { say "postgresql-15 installed but $PG_BIN/initdb is missing" >&2; exit 1; }
}

# chown to the cluster owner (only meaningful as root).
own() { if [[ $EUID -eq 0 ]]; then chown "$PG_OS_USER:" "$@"; fi; }

# Can the cluster owner reach and write $1?
pg_can_use() { as_pg test -d "$1" -a -x "$1" -a -w "$1" 2>/dev/null; }

# Decide PG_HOME (sets PG_HOME, DATA_DIR, SOCK_DIR, LOG_FILE). With $1 = create, also creates it.
resolve_home() {
    local create="${1:-}"
    if [[ -f "$LOCAL_HOME/data/PG_VERSION" ]]; then
        PG_HOME="$LOCAL_HOME"
    elif [[ -f "$FALLBACK_HOME/data/PG_VERSION" ]]; then
        PG_HOME="$FALLBACK_HOME"
    elif [[ "$create" == create ]]; then
        mkdir -p "$LOCAL_HOME"
        own "$LOCAL_HOME"
        chmod 0700 "$LOCAL_HOME"
        if pg_can_use "$LOCAL_HOME"; then
            PG_HOME="$LOCAL_HOME"
        else
            say "user $PG_OS_USER cannot traverse to $LOCAL_HOME; using $FALLBACK_HOME"
            mkdir -p "$FALLBACK_HOME"
            own "$FALLBACK_HOME"
            chmod 0700 "$FALLBACK_HOME"
            pg_can_use "$FALLBACK_HOME" || { say "user $PG_OS_USER cannot use $FALLBACK_HOME either" >&2; exit 1; }
            PG_HOME="$FALLBACK_HOME"
        fi
    else
        PG_HOME="$LOCAL_HOME"       # nothing initialised yet; only used for messages
    fi
    if [[ "$PG_HOME" == "$FALLBACK_HOME" && -d "$LOCAL_HOME" ]]; then
        ln -sfn "$FALLBACK_HOME" "$LOCAL_HOME/home" 2>/dev/null || true
    fi
    DATA_DIR="$PG_HOME/data"
    LOG_FILE="$PG_HOME/postgres.log"
    SOCK_DIR="$PG_HOME/run"
    if (( ${#SOCK_DIR} + ${#PORT} + 10 > 100 )); then SOCK_DIR="$FALLBACK_HOME-run"; fi
}

pg_running() { [[ -f "$DATA_DIR/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1; }
pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2 >/dev/null 2>&1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

show_log_tail() {
    echo "---- last lines of $LOG_FILE ----" >&2
    tail -n 40 "$LOG_FILE" >&2 2>/dev/null || true
    echo "----" >&2
}

init_cluster() {
    say "initdb in $DATA_DIR"
    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U "$PG_OS_USER" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >"$PG_HOME/initdb.log" 2>&1 \
        || { cat "$PG_HOME/initdb.log" >&2; exit 1; }
    echo "include_if_exists = 'marketplace.conf'   # written by scripts/services/postgres.sh" \
        >>"$DATA_DIR/postgresql.conf"
}

# Regenerated on every start so port/socket changes take effect.
write_config() {
    local conf="$DATA_DIR/marketplace.conf"
    cat >"$conf" <<EOF
# Generated by scripts/services/postgres.sh on each start: edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK_DIR'
max_connections = 100
# a throwaway test cluster: trade durability for speed
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    own "$conf"
    chmod 0600 "$conf"
}

psql_admin() {
    as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PORT" -d postgres "$@"
}

ensure_role_and_db() {
    psql_admin <<SQL >/dev/null
SET client_min_messages = warning;
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
        CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
    ELSE
        ALTER ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
    END IF;
END
\$\$;
SQL
    if [[ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]]; then
        psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >/dev/null
    fi
}

wait_ready() {
    local deadline=$((SECONDS + START_TIMEOUT))
    until pg_ready; do
        if ((SECONDS >= deadline)); then
            say "not accepting connections on 127.0.0.1:$PORT after ${START_TIMEOUT}s" >&2
            return 1
        fi
        sleep 0.5
    done
}

take_lock() {
    mkdir -p "$REPO_ROOT/.services"
    exec 9>"$REPO_ROOT/.services/postgres.lock"
    flock -w $((START_TIMEOUT + 60)) 9 || { say "another start/stop holds .services/postgres.lock" >&2; exit 1; }
}

cmd_start() {
    ensure_installed
    take_lock
    resolve_home create
    if pg_running; then
        say "already running (data dir $DATA_DIR)"
    else
        if port_in_use; then
            say "port $PORT on 127.0.0.1 is taken by another process (set POSTGRES_PORT)" >&2
            exit 1
        fi
        [[ -f "$DATA_DIR/PG_VERSION" ]] || init_cluster
        mkdir -p "$SOCK_DIR"
        own "$SOCK_DIR"
        write_config
        if [[ ! -e "$LOG_FILE" ]]; then
            touch "$LOG_FILE"
            own "$LOG_FILE"
        fi
        if ! as_pg "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t "$START_TIMEOUT" >/dev/null; then
            say "pg_ctl start failed" >&2
            show_log_tail
            exit 1
        fi
    fi
    wait_ready || { show_log_tail; exit 1; }
    ensure_role_and_db
    say "up on $URL"
}

cmd_stop() {
    take_lock
    resolve_home
    if ! pg_running; then
        say "not running"
        return 0
    fi
    as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w -t 60 >/dev/null
    say "stopped"
}

cmd_status() {
    resolve_home
    if pg_running && pg_ready; then
        say "up on $URL (data dir $DATA_DIR)"
        exit 0
    fi
    if pg_running; then
        say "server process exists but is not accepting connections on 127.0.0.1:$PORT"
    else
        say "down"
    fi
    exit 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "$URL" ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
