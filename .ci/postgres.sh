#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 17, part 13 item 6): installed from the
# distribution's packages if missing, a new cluster in a temporary folder run by an
# unprivileged account, listening only on a unix socket in that folder (no port is taken
# from anyone), stopped and removed again at the end.
#
#   .ci/postgres.sh run COMMAND...  start it, run COMMAND with AVENUE_DESK_TEST_POSTGRES set
#                                   to the URL the tests create their databases through,
#                                   then stop it whatever COMMAND did (its exit code is kept)
#   .ci/postgres.sh start           start one and print `export AVENUE_DESK_TEST_POSTGRES=…`
#                                   and the folder to give to `stop`
#   .ci/postgres.sh stop FOLDER     stop the one started in FOLDER and remove it
#
# `make test-postgres` runs the services and command-line tests through `run`. The roles:
# `avenue_test` (not a superuser: it may create databases, as a trust's owner role would)
# and `avenue_password_check` (password `avenue-password-check`, the only role asked for a
# password: the tests of a refused login use it).
set -euo pipefail

TEST_ROLE=avenue_test
PASSWORD_ROLE=avenue_password_check
PASSWORD=avenue-password-check
PORT=54329  # only names the socket file, inside our own folder

say() { echo "postgres.sh: $*" >&2; }

server_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

install_server() {
    if server_bin >/dev/null; then
        return
    fi
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    say "installing PostgreSQL from the distribution's packages"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-contrib \
        >/dev/null
    server_bin >/dev/null || { say "PostgreSQL's server programs are still missing"; exit 1; }
}

# Runs a command as the unprivileged account that owns the cluster: `postgres` when we are
# root (the server refuses to run as root), ourselves otherwise.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    install_server
    local bin folder
    bin=$(server_bin)
    folder=$(mktemp -d "${TMPDIR:-/tmp}/avenue-desk-postgres.XXXXXX")
    chmod 0755 "$folder"
    [ "$(id -u)" = 0 ] && chown postgres: "$folder"
    as_owner "$bin/initdb" -D "$folder/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=reject >"$folder/initdb.log" 2>&1 \
        || { cat "$folder/initdb.log" >&2; exit 1; }
    # The password role is asked for its password; everyone else on the socket is trusted
    # (only this machine's accounts can reach a socket in this folder).
    as_owner sh -c "printf '%s\n' 'local all $PASSWORD_ROLE scram-sha-256' \
        'local all all trust' > '$folder/data/pg_hba.conf'"
    # A throwaway server: durability buys nothing, speed does. (No autovacuum either: a worker
# in a test's database would stop the test role dropping it.)
    as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 start -o \
        "-c listen_addresses='' -c unix_socket_directories='$folder' -p $PORT \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off \
         -c max_connections=300 -c shared_buffers=64MB" >/dev/null \
        || { cat "$folder/server.log" >&2; exit 1; }
    "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$folder" -p "$PORT" -U postgres -d postgres <<SQL
CREATE ROLE $TEST_ROLE LOGIN CREATEDB;
GRANT pg_signal_backend TO $TEST_ROLE;
CREATE ROLE $PASSWORD_ROLE LOGIN PASSWORD '$PASSWORD';
SQL
    echo "$folder"
}

stop() {
    local folder=$1 bin
    bin=$(server_bin) || true
    if [ -n "$bin" ] && [ -f "$folder/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$folder" in
        */avenue-desk-postgres.*) rm -rf "$folder" ;;
    esac
}

url_for() {
    echo "postgresql+psycopg://$TEST_ROLE@/postgres?host=$1&port=$PORT"
}

case "${1:-}" in
    run)
        shift
        [ $# -gt 0 ] || { say "run what?"; exit 2; }
        folder=$(start)
        trap 'stop "$folder"' EXIT
        export AVENUE_DESK_TEST_POSTGRES
        AVENUE_DESK_TEST_POSTGRES=$(url_for "$folder")
        say "PostgreSQL $("$(server_bin)/postgres" --version | awk '{print $3}') on $folder"
        set +e
        "$@"
        status=$?
        set -e
        exit $status
        ;;
    start)
        folder=$(start)
        echo "export AVENUE_DESK_TEST_POSTGRES='$(url_for "$folder")'"
        echo "# stop it with: $0 stop $folder"
        ;;
    stop)
        [ $# -eq 2 ] || { say "stop FOLDER"; exit 2; }
        stop "$2"
        ;;
    install)
        install_server
        ;;
    *)
        sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
