#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1 for the tests: starts whichever is down,
# and on a fresh Debian 12 machine (as root) installs them first. Safe to run again.
#
# PostgreSQL is used as postgres@127.0.0.1:5432 with no password (office/settings/test.py),
# so a newly installed cluster gets trust authentication for local TCP connections: this is
# for a development or CI machine, never for a server that holds real data.
set -euo pipefail

WAIT_SECONDS=${SERVICES_WAIT_SECONDS:-30}

as_root() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "services: $1, and that needs root: run 'sudo $0' once, then try again." >&2
        exit 1
    fi
}

apt_install() {
    as_root "$* is not installed"
    echo "services: installing $*"
    export DEBIAN_FRONTEND=noninteractive
    if [[ -z ${apt_updated:-} ]]; then
        apt-get update -qq
        apt_updated=1
    fi
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The newest installed major version (the directories are named 15, 16, ...).
# shellcheck disable=SC2012
pg_version() { ls /etc/postgresql | sort -V | tail -n 1; }
postgres_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
redis_up() { [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]; }

# Waits up to WAIT_SECONDS for a check to pass.
wait_for() {
    local name=$1 check=$2
    for _ in $(seq "$WAIT_SECONDS"); do
        "$check" && return 0
        sleep 1
    done
    echo "services: $name did not answer on 127.0.0.1 within ${WAIT_SECONDS}s" >&2
    return 1
}

# --- install what is missing ------------------------------------------------------------
missing=()
command -v pg_ctlcluster >/dev/null && [[ -n $(ls /etc/postgresql 2>/dev/null) ]] || missing+=(postgresql)
command -v pg_isready >/dev/null || missing+=(postgresql-client)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v redis-cli >/dev/null || missing+=(redis-tools)
if [[ ${#missing[@]} -gt 0 ]]; then
    apt_install "${missing[@]}"
fi

# --- PostgreSQL ---------------------------------------------------------------------------
if postgres_up; then
    echo "services: PostgreSQL is up"
else
    as_root "PostgreSQL is down"
    version=$(pg_version)
    echo "services: starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    wait_for PostgreSQL postgres_up
fi

# The tests connect as postgres over TCP without a password. Debian's default asks for one;
# on a machine where it does, let 127.0.0.1 and ::1 in on trust (see the note at the top).
if ! psql -h 127.0.0.1 -U postgres -w -d postgres -tAc "select 1" >/dev/null 2>&1; then
    as_root "PostgreSQL refuses postgres@127.0.0.1 without a password"
    version=$(pg_version)
    hba=/etc/postgresql/$version/main/pg_hba.conf
    echo "services: allowing trust authentication for 127.0.0.1 and ::1 in $hba"
    sed -i -E 's#^(host\s+all\s+all\s+(127\.0\.0\.1/32|::1/128)\s+)\S+\s*$#\1trust#' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    sleep 1
    if ! psql -h 127.0.0.1 -U postgres -w -d postgres -tAc "select 1" >/dev/null 2>&1; then
        echo "services: still cannot connect as postgres@127.0.0.1; check $hba" >&2
        exit 1
    fi
fi

# --- Redis ----------------------------------------------------------------------------------
if redis_up; then
    echo "services: Redis is up"
else
    echo "services: starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    wait_for Redis redis_up
fi

echo "services: PostgreSQL and Redis answer on 127.0.0.1"
