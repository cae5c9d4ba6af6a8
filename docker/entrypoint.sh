#!/bin/sh
# Brings the database schema up to date before the web server starts, then runs the command.
# Workers and beat skip the migration: the web container does it, and they wait for it through
# docker-compose's depends_on. Set MIGRATE_ON_START=false on extra web replicas so that only
# one process migrates.
set -eu

if [ "${1:-}" = "gunicorn" ] && [ "${MIGRATE_ON_START:-true}" = "true" ]; then
    echo "entrypoint: python manage.py migrate --noinput"
    python manage.py migrate --noinput
fi

exec "$@"
