#!/usr/bin/env bash
# A local OpenSearch for development and tests, from the official jars on Maven Central
# (opensearch/pom.xml beside this script) started by opensearch/OpenSearchLauncher.java:
# one node by default, or a cluster of N nodes on loopback.
#
#   scripts/services/opensearch.sh start          # idempotent; waits for health (green for a cluster)
#   scripts/services/opensearch.sh status         # exit 0 if healthy, 1 if not
#   scripts/services/opensearch.sh stop           # idempotent; SIGTERM, then SIGKILL after a timeout
#   scripts/services/opensearch.sh urls           # the HTTP address of every node, comma-separated
#   scripts/services/opensearch.sh stop-node K    # stop node K only (a cluster's node-loss tests)
#   scripts/services/opensearch.sh start-node K   # start node K again, without waiting for health
#
# Environment (all optional):
#   OPENSEARCH_NODES=1              how many nodes; node K answers HTTP on OPENSEARCH_PORT+K-1
#   OPENSEARCH_PORT=9200            first HTTP port (bound to 127.0.0.1 only)
#   OPENSEARCH_TRANSPORT_PORT=9300  first transport (node-to-node) port, used by a cluster
#   OPENSEARCH_HEAP=512m            -Xms/-Xmx of each node
#   OPENSEARCH_START_TIMEOUT=180    seconds to wait for health
#   OPENSEARCH_JAVA_HOME=...        JDK to use (default: Debian's Java 17)
#   OPENSEARCH_MVN_ARGS=...         extra Maven args, e.g. -Dmaven.repo.local=/some/repo
# State (data, logs, pid, generated config, resolved classpath): $REPO_ROOT/.services/opensearch/
# for one node; a cluster keeps each node under .services/opensearch-cluster-<port>/node-K/, so a
# cluster and the single node can run side by side (scripts/test runs both).
set -Eeuo pipefail
trap 'echo "opensearch.sh: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SRC_DIR="$SCRIPT_DIR/opensearch"  # the pom and the launcher, beside this script
NODES="${OPENSEARCH_NODES:-1}"
PORT="${OPENSEARCH_PORT:-9200}"
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300}"
HEAP="${OPENSEARCH_HEAP:-512m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
STOP_TIMEOUT=60
MVN_ARGS="${OPENSEARCH_MVN_ARGS:-}"
export JAVA_HOME="${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
for number in "$NODES" "$PORT" "$TRANSPORT_PORT"; do
    [[ "$number" =~ ^[1-9][0-9]*$ ]] || {
        echo "opensearch: OPENSEARCH_NODES, _PORT and _TRANSPORT_PORT must be numbers, not '$number'" >&2
        exit 2
    }
done
if ((NODES == 1)); then
    BASE="$REPO_ROOT/.services/opensearch"
    CLUSTER_NAME=marketplace-dev
else
    BASE="$REPO_ROOT/.services/opensearch-cluster-$PORT"
    CLUSTER_NAME="marketplace-cluster-$PORT"
fi
URL="http://127.0.0.1:$PORT"
CP_FILE="$BASE/classpath.txt"
CP_STAMP="$BASE/classpath.stamp"

# Node K's files and ports. One node keeps today's layout directly under $BASE.
node_home() { if ((NODES == 1)); then echo "$BASE"; else echo "$BASE/node-$1"; fi; }
node_http() { echo $((PORT + $1 - 1)); }
node_transport() { echo $((TRANSPORT_PORT + $1 - 1)); }
node_pid_file() { echo "$(node_home "$1")/opensearch.pid"; }
node_log() { echo "$(node_home "$1")/logs/opensearch.log"; }
node_numbers() { seq 1 "$NODES"; }

say() { echo "opensearch: $*"; }

# The whole cluster's health as seen from any node that answers.
health_json() {
    local k
    for k in $(node_numbers); do
        curl -fsS --max-time 3 "http://127.0.0.1:$(node_http "$k")/_cluster/health" 2>/dev/null && return 0
    done
    return 1
}

# One node: yellow or green. A cluster: green with every node joined (an empty cluster is
# green; yellow there means a replica has no node, which a start must not call healthy).
is_healthy() {
    local body
    body="$(health_json)" || return 1
    if ((NODES == 1)); then
        [[ "$body" =~ \"status\":\"(green|yellow)\" ]]
    else
        [[ "$body" =~ \"status\":\"green\" && "$body" =~ \"number_of_nodes\":$NODES[,}] ]]
    fi
}

version() {
    local k
    for k in $(node_numbers); do
        curl -fsS --max-time 3 "http://127.0.0.1:$(node_http "$k")/" 2>/dev/null \
            | sed -n 's/.*"number"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n1 && return 0
    done
}

# The pid of node K, if its pid file names a live process that is our launcher.
running_pid() {
    local pid file
    file="$(node_pid_file "$1")"
    [[ -f "$file" ]] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q OpenSearchLauncher || return 1
    echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

show_log_tail() {
    local log
    log="$(node_log "$1")"
    echo "---- last lines of $log ----" >&2
    tail -n 60 "$log" >&2 2>/dev/null || true
    echo "----" >&2
}

# Writes $CP_FILE once per pom/Maven-args change; later starts do not call Maven at all.
resolve_classpath() {
    local stamp jar ok=1
    stamp="$(cat "$SRC_DIR/pom.xml" <(echo "$MVN_ARGS") | sha256sum | cut -d' ' -f1)"
    if [[ -s "$CP_FILE" && -f "$CP_STAMP" && "$(cat "$CP_STAMP")" == "$stamp" ]]; then
        while IFS= read -r jar; do
            [[ -z "$jar" || -f "$jar" ]] || { ok=0; break; }
        done < <(tr ':' '\n' <"$CP_FILE")
        if [[ $ok == 1 ]]; then return 0; fi
    fi
    local mvn_log="$BASE/logs/maven.log"
    # shellcheck disable=SC2086  # MVN_ARGS is a list of words
    local cmd=(mvn -q -B -f "$SRC_DIR/pom.xml" $MVN_ARGS dependency:build-classpath
               "-Dmdep.outputFile=$CP_FILE.tmp" -Dmdep.includeScope=runtime)
    if ! "${cmd[@]}" -o >"$mvn_log" 2>&1; then      # offline first: the local repo may have it all
        say "resolving jars with Maven (first run downloads ~70 MB)..."
        if ! "${cmd[@]}" >"$mvn_log" 2>&1; then
            say "Maven could not resolve $SRC_DIR/pom.xml:" >&2
            tail -n 40 "$mvn_log" >&2
            exit 1
        fi
    fi
    mv "$CP_FILE.tmp" "$CP_FILE"
    echo "$stamp" >"$CP_STAMP"
}

write_config() {
    local k="$1" home
    home="$(node_home "$k")"
    mkdir -p "$home/config" "$home/data" "$home/logs" "$home/tmp"
    {
        echo "# Generated by scripts/services/opensearch.sh on each start: edit the script, not this file."
        echo "cluster.name: $CLUSTER_NAME"
        echo "node.name: node-$k"
        echo "path.data: $home/data"
        echo "path.logs: $home/logs"
        echo "network.host: 127.0.0.1"
        echo "http.port: $(node_http "$k")"
        if ((NODES == 1)); then
            echo "discovery.type: single-node"
        else
            local seeds="" names="" j
            for j in $(node_numbers); do
                seeds+="${seeds:+, }\"127.0.0.1:$(node_transport "$j")\""
                names+="${names:+, }node-$j"
            done
            echo "transport.port: $(node_transport "$k")"
            echo "discovery.seed_hosts: [$seeds]"
            # Read only when the cluster first forms; a node that rejoins ignores it.
            echo "cluster.initial_cluster_manager_nodes: [$names]"
        fi
        echo "# a development box's disk may be fuller than the production watermarks allow"
        echo "cluster.routing.allocation.disk.threshold_enabled: false"
    } >"$home/config/opensearch.yml"
    cat >"$home/config/log4j2.properties" <<'EOF'
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
EOF
}

# Starts node K in the background unless it is already running.
launch_node() {
    local k="$1" home log
    home="$(node_home "$k")"
    if running_pid "$k" >/dev/null; then return 0; fi
    if port_in_use "$(node_http "$k")"; then
        say "port $(node_http "$k") on 127.0.0.1 is taken by something that is not our node $k" >&2
        return 1
    fi
    [[ -x "$JAVA" ]] || { say "no java at $JAVA (set OPENSEARCH_JAVA_HOME)" >&2; return 1; }
    resolve_classpath
    write_config "$k"
    log="$(node_log "$k")"
    if [[ -f "$log" ]]; then mv -f "$log" "$log.1"; fi
    (
        cd "$home"
        nohup setsid "$JAVA" \
            "-Xms$HEAP" "-Xmx$HEAP" -Xss1m -XX:+UseG1GC \
            -XX:+ExitOnOutOfMemoryError "-XX:ErrorFile=$home/logs/hs_err_pid%p.log" \
            "-Djava.io.tmpdir=$home/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
            -Djna.nosys=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
            -Dio.netty.recycler.maxCapacityPerThread=0 \
            -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
            "-Dlauncher.home=$home" "-Dlauncher.pidfile=$(node_pid_file "$k")" \
            -cp "$(cat "$CP_FILE")" "$SRC_DIR/OpenSearchLauncher.java" \
            </dev/null >"$log" 2>&1 9>&- &
        echo "$!" >"$(node_pid_file "$k")"
    )
}

wait_healthy() {
    local deadline=$((SECONDS + START_TIMEOUT)) k alive
    while ((SECONDS < deadline)); do
        if is_healthy; then return 0; fi
        alive=0
        for k in $(node_numbers); do if running_pid "$k" >/dev/null; then alive=1; fi; done
        if ((alive == 0)); then
            say "the node(s) exited during startup" >&2
            return 1
        fi
        sleep 1
    done
    say "not healthy after ${START_TIMEOUT}s" >&2
    return 1
}

urls() {
    local k out=""
    for k in $(node_numbers); do out+="${out:+,}http://127.0.0.1:$(node_http "$k")"; done
    echo "$out"
}

up_line() {
    local k pids=""
    for k in $(node_numbers); do pids+="${pids:+ }$(running_pid "$k" || echo '?')"; done
    if ((NODES == 1)); then
        say "up on $URL (version $(version)), pid $pids"
    else
        say "cluster $CLUSTER_NAME up: $NODES nodes on $(urls) (version $(version)), pids $pids"
    fi
}

with_lock() {
    mkdir -p "$BASE/logs"
    exec 9>"$BASE/.lock"
    flock -w $((START_TIMEOUT + 60)) 9 || { say "another start/stop holds $BASE/.lock" >&2; exit 1; }
}

cmd_start() {
    with_lock
    if is_healthy; then
        say "already running"
        up_line
        return 0
    fi
    local k
    for k in $(node_numbers); do
        launch_node "$k" || exit 1
    done
    if ! wait_healthy; then
        for k in $(node_numbers); do show_log_tail "$k"; done
        exit 1
    fi
    up_line
}

stop_node() {
    local k="$1" pid
    if ! pid="$(running_pid "$k")"; then
        rm -f "$(node_pid_file "$k")"
        return 1
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
        say "node $k (pid $pid) still alive after ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    fi
    rm -f "$(node_pid_file "$k")"
    say "stopped node-$k (pid $pid)"
}

cmd_stop() {
    with_lock
    local k any=0
    for k in $(node_numbers); do
        if stop_node "$k"; then any=1; fi
    done
    ((any == 1)) || say "not running"
}

node_arg() {
    [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] && (($1 <= NODES)) \
        || { say "name a node from 1 to $NODES" >&2; exit 2; }
}

cmd_status() {
    if is_healthy; then
        up_line
        exit 0
    fi
    local k running=""
    for k in $(node_numbers); do
        if running_pid "$k" >/dev/null; then running+="${running:+ }node-$k"; fi
    done
    if [[ -n "$running" ]]; then
        say "not healthy on $(urls) (running: $running)"
    else
        say "down (nothing healthy on $(urls))"
    fi
    exit 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    urls) urls ;;
    stop-node)
        node_arg "${2:-}"; with_lock
        stop_node "$2" || say "node-$2 was not running"
        ;;
    start-node) node_arg "${2:-}"; with_lock; launch_node "$2"; say "started node-$2" ;;
    *) echo "usage: $0 start|stop|status|urls|stop-node K|start-node K" >&2; exit 2 ;;
esac
