#!/usr/bin/env node
// Applies scripts/patches/postgres+3.4.9.patch to the installed postgres.js (postinstall). A pooled
// connection whose socket closes while a small write is buffered (a PostgreSQL restart under traffic
// does it) either crashes the whole process — nextWrite() runs from a setImmediate on a null socket,
// an uncaughtException — or is left "poisoned" with a stale write timer, so its next query fails or
// hangs. Upstream issues porsager/postgres#1154 and #1208 (open, unfixed in 3.4.9). The patch:
//   1. nextWrite() on a closed socket drops the buffer and rejects what waits (CONNECTION_CLOSED,
//      catchable, so the pool replaces the connection) instead of throwing;
//   2. both teardown paths reset the write timer and the buffer, so a reconnected socket flushes;
//   3. a closed connection forgets the server error its dead query received (FATAL 57P01 on a
//      fast shutdown): kept, it was handed to the first query on the reconnected socket.
// The change is carried as a reviewed diff against the exact version package.json pins; a different
// version, or code the diff does not fit, stops the install loudly. `npm ci --ignore-scripts` skips
// this: the app refuses to use PostgreSQL without the guard (db/postgres-guard.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyHunks, parseUnifiedDiff } from './lib/apply-patch.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PATCHED_VERSION = '3.4.9';
export const GUARD_MARK = '/* eid-portal: null-socket guard */';
const PATCH = path.join(ROOT, 'scripts', 'patches', `postgres+${PATCHED_VERSION}.patch`);
const PACKAGE_DIR = path.join(ROOT, 'node_modules', 'postgres');

function main() {
  if (!fs.existsSync(path.join(PACKAGE_DIR, 'package.json'))) {
    console.warn('[patch-postgres] postgres is not installed; nothing to patch');
    return 0;
  }
  const version = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version;
  if (version !== PATCHED_VERSION) {
    console.error(`[patch-postgres] postgres ${version} is installed, the patch is for ${PATCHED_VERSION}: check whether ${version} fixed porsager/postgres#1154/#1208, then update or drop scripts/patches/`);
    return 1;
  }
  for (const { path: relative, hunks } of parseUnifiedDiff(fs.readFileSync(PATCH, 'utf8'))) {
    const file = path.join(PACKAGE_DIR, relative);
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(GUARD_MARK)) continue; // already patched (npm ci runs postinstall once; a re-run is harmless)
    try {
      fs.writeFileSync(file, applyHunks(text, hunks));
    } catch (error) {
      console.error(`[patch-postgres] ${relative}: ${error.message}; review scripts/patches/postgres+${PATCHED_VERSION}.patch`);
      return 1;
    }
    console.info(`[patch-postgres] patched postgres/${relative}`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
