#!/usr/bin/env bash
# Backs up the portal's PostgreSQL database in pg_dump's custom format (compressed, restorable
# table by table with pg_restore). Everything the portal keeps is in the database: applications,
# documents and certificate PDFs (bytea), the audit trail, the outbox, job runs.
#
#   scripts/backup.sh [file]            (default: backups/eid-<UTC timestamp>.dump)
#   DATABASE_URL=postgres://… npm run db:backup -- [file]
#
# The identity/certificate key ring (IDENTITY_QR_KEYS or .data/identity-keys.json) and NEXTAUTH_SECRET
# are NOT in the dump: keep them in the secret store — without the key ring a restored certificate
# still verifies only if the same ring is configured.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must point at the database to back up}"
PG_DUMP="${PG_DUMP:-pg_dump}"
file="${1:-backups/eid-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
# --no-owner/--no-privileges: restorable into a database owned by another role.
"$PG_DUMP" --format=custom --compress=6 --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$file.partial"
mv "$file.partial" "$file"
echo "[backup] wrote $file ($(du -h "$file" | cut -f1))"
