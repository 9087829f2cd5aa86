// Decides whether the production build in .next/ is missing or older than the sources.
import fs from 'node:fs';
import path from 'node:path';

/** Folders whose files end up in the build (walked recursively). */
export const SOURCE_DIRS = ['app', 'components', 'lib', 'db'];

/** Top-level files that also change the build when edited. */
const ROOT_FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'instrumentation.ts',
  'instrumentation.js',
  'middleware.ts',
  'proxy.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

const SKIP_DIRS = new Set(['node_modules', '.next', '.data', '.git']);
// Test files never reach the production bundle; don't rebuild for them.
const SKIP_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

function newestMtimeIn(dir, acc) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) newestMtimeIn(full, acc);
    } else if (entry.isFile() && !SKIP_FILE.test(entry.name)) {
      let st;
      try {
        st = fs.statSync(full);
      } catch {
        continue;
      }
      if (st.mtimeMs > acc.mtimeMs) {
        acc.mtimeMs = st.mtimeMs;
        acc.file = full;
      }
    }
  }
}

/** Newest source file (path and mtime) among SOURCE_DIRS and the top-level config files. */
export function newestSource(root) {
  const acc = { mtimeMs: 0, file: null };
  for (const dir of SOURCE_DIRS) newestMtimeIn(path.join(root, dir), acc);
  for (const name of ROOT_FILES) {
    try {
      const st = fs.statSync(path.join(root, name));
      if (st.mtimeMs > acc.mtimeMs) {
        acc.mtimeMs = st.mtimeMs;
        acc.file = path.join(root, name);
      }
    } catch {
      /* absent */
    }
  }
  return acc;
}

/** @returns {{ needed: boolean, reason: string }} */
export function buildStatus(root) {
  const buildIdFile = path.join(root, '.next', 'BUILD_ID');
  let built;
  try {
    built = fs.statSync(buildIdFile).mtimeMs;
  } catch {
    return { needed: true, reason: 'no build yet (.next/BUILD_ID missing)' };
  }
  const newest = newestSource(root);
  if (newest.mtimeMs > built) {
    return { needed: true, reason: `sources changed since last build (${path.relative(root, newest.file)})` };
  }
  return { needed: false, reason: 'build is up to date' };
}
