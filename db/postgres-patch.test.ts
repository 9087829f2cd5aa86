// Issue 15 item 7: postgres.js is pinned to the exact version its reviewed patch was written for, the
// patch is a diff in scripts/patches/ applied strictly at install, and the app refuses an unpatched driver.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs helper of the install scripts, without types
import { applyHunks, parseUnifiedDiff } from '../scripts/lib/apply-patch.mjs';
import { assertPostgresPatched, POSTGRES_GUARD_MARK, unpatchedPostgresFiles } from './postgres-guard';

type Hunk = { oldStart: number; newStart: number; lines: string[] };
const ROOT = path.resolve(import.meta.dirname, '..');
const PACKAGE_DIR = path.join(ROOT, 'node_modules', 'postgres');
const PATCH = fs.readFileSync(path.join(ROOT, 'scripts', 'patches', 'postgres+3.4.9.patch'), 'utf8');
const files = parseUnifiedDiff(PATCH) as { path: string; hunks: Hunk[] }[];

describe('the postgres.js patch (issue 15 item 7)', () => {
  it('pins the exact version the patch was written for, in package.json and in the lock', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
    expect(pkg.dependencies.postgres).toBe('3.4.9');
    expect(lock.packages[''].dependencies.postgres).toBe('3.4.9');
    expect(lock.packages['node_modules/postgres'].version).toBe('3.4.9');
    expect(JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version).toBe('3.4.9');
  });

  it('is a diff of the three connection.js builds that fits the installed driver exactly: undone it gives code it applies to, and applied again the installed files', () => {
    expect(files.map((f) => f.path).sort()).toEqual(['cf/src/connection.js', 'cjs/src/connection.js', 'src/connection.js']);
    for (const file of files) {
      const installed = fs.readFileSync(path.join(PACKAGE_DIR, file.path), 'utf8');
      const pristine = applyHunks(installed, file.hunks, { reverse: true }) as string;
      expect(pristine).not.toContain(POSTGRES_GUARD_MARK);
      expect(applyHunks(pristine, file.hunks)).toBe(installed);
    }
  });

  it('refuses, writing nothing, code the diff does not fit', () => {
    const file = files[0]!;
    const installed = fs.readFileSync(path.join(PACKAGE_DIR, file.path), 'utf8');
    const pristine = applyHunks(installed, file.hunks, { reverse: true }) as string;
    const moved = pristine.replace('  function nextWrite(fn) {\n', '  function nextWrite(fn) { // changed upstream\n');
    expect(() => applyHunks(moved, file.hunks)).toThrow(/does not match/);
  });

  it('lets the app open PostgreSQL on the installed, patched driver, and refuses an unpatched copy, naming the fix', () => {
    expect(unpatchedPostgresFiles()).toEqual([]);
    expect(() => assertPostgresPatched()).not.toThrow();
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'postgres-unpatched-'));
    try {
      for (const file of files) {
        const installed = fs.readFileSync(path.join(PACKAGE_DIR, file.path), 'utf8');
        fs.mkdirSync(path.dirname(path.join(copy, file.path)), { recursive: true });
        fs.writeFileSync(path.join(copy, file.path), applyHunks(installed, file.hunks, { reverse: true }) as string);
      }
      expect(unpatchedPostgresFiles(copy)).toEqual(['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']);
      expect(() => assertPostgresPatched(copy)).toThrow(/not patched.*node scripts\/patch-postgres\.mjs/);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
