#!/usr/bin/env bash
# Restores a dump made by scripts/backup.sh into an EMPTY database (create it first:
# createdb / CREATE DATABASE). Refuses a database that already has the portal's tables, so a
# restore never mixes with live data. Stops at the first error.
#
#   RESTORE_DATABASE_URL=postgres://…/eid_restored scripts/restore.sh backups/eid-….dump
#   npm run db:restore -- <file>        (RESTORE_DATABASE_URL set)
set -euo pipefail
: "${RESTORE_DATABASE_URL:?RESTORE_DATABASE_URL must point at the empty database to restore into}"
file="${1:?usage: restore.sh <dump file>}"
[ -f "$file" ] || { echo "[restore] no such file: $file" >&2; exit 2; }
PSQL="${PSQL:-psql}"
PG_RESTORE="${PG_RESTORE:-pg_restore}"
existing=$("$PSQL" "$RESTORE_DATABASE_URL" -Atc "select count(*) from information_schema.tables where table_schema in ('public', 'drizzle')")
if [ "$existing" != "0" ]; then
  echo "[restore] the target database already has $existing table(s); restore into an empty database" >&2
  exit 3
fi
"$PG_RESTORE" --exit-on-error --no-owner --no-privileges --single-transaction --dbname="$RESTORE_DATABASE_URL" "$file"
echo "[restore] restored $file"
