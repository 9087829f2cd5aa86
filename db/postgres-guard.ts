// postgres.js is patched at install (scripts/patch-postgres.mjs, scripts/patches/): without the patch
// a PostgreSQL restart under traffic can crash the process. `npm ci --ignore-scripts`, or a copied
// node_modules, skips it silently — so the app checks the installed driver before it opens PostgreSQL
// and refuses to start on an unpatched one, naming the fix.
import fs from 'node:fs';
import path from 'node:path';

export const POSTGRES_GUARD_MARK = '/* eid-portal: null-socket guard */';
const CONNECTION_FILES = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'];

/** The driver files that lack the guard (empty when the installed postgres.js is patched). */
export function unpatchedPostgresFiles(packageDir = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', 'postgres')): string[] {
  return CONNECTION_FILES.filter((file) => {
    const full = path.join(packageDir, file);
    return fs.existsSync(full) && !fs.readFileSync(full, 'utf8').includes(POSTGRES_GUARD_MARK);
  });
}

let checked = false;

/** Throws, naming the fix, when the installed postgres.js is not patched. Checked once per process. */
export function assertPostgresPatched(packageDir?: string): void {
  if (checked && packageDir === undefined) return;
  const missing = unpatchedPostgresFiles(packageDir);
  if (missing.length > 0) {
    throw new Error(
      `postgres.js is not patched (${missing.join(', ')} lack the null-socket guard): a PostgreSQL restart could crash this process. ` +
        'Run `node scripts/patch-postgres.mjs` (npm ci runs it unless --ignore-scripts was given), then start again.',
    );
  }
  if (packageDir === undefined) checked = true;
}
