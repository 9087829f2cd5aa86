import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const ROOT = path.resolve(import.meta.dirname, '..');
// Read by Next.js's own convention and replaced at build time, so they stay direct reads.
const ALLOWED_VARIABLES = new Set(['NODE_ENV', 'NEXT_RUNTIME']);
// lib/env.ts is the schema itself; lib/testing/ is the test harness (test databases, private PostgreSQL).
const ALLOWED_FILES = new Set(['lib/env.ts']);
const ALLOWED_FOLDERS = ['lib/testing/'];

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')))
    .filter((file) => /\.(ts|tsx|mjs|js)$/.test(file) && !/\.test\.tsx?$/.test(file));
}

/** Every `process.env` read in lib/ and app/ outside the allowed places, as "file: expression". */
function strayEnvReads(): string[] {
  const stray: string[] = [];
  for (const file of [...sourceFiles('lib'), ...sourceFiles('app')]) {
    if (ALLOWED_FILES.has(file) || ALLOWED_FOLDERS.some((f) => file.startsWith(f))) continue;
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const match of text.matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*))?/g)) {
      if (match[1] && ALLOWED_VARIABLES.has(match[1])) continue;
      stray.push(`${file}: ${match[0]}`);
    }
  }
  return stray;
}

describe('one environment schema', () => {
  it('reads no process.env in lib/ or app/ outside lib/env.ts (but NODE_ENV and NEXT_RUNTIME)', () => {
    expect(strayEnvReads()).toEqual([]);
  });

  it('parses the face-check thresholds and the instance name with the rest of the environment', () => {
    const env = parseEnv({ FACE_MIN_REGISTRY_SIMILARITY: '0.5', FACE_CHALLENGE_TTL_SECONDS: '', INSTANCE_ID: ' web-1 ' });
    expect(env.face.minRegistrySimilarity).toBe(0.5);
    // Empty counts as unset, as for every variable: the shipped default, not 0.
    expect(env.face.challengeTtlMs).toBe(parseEnv({}).face.challengeTtlMs);
    expect(env.face.challengeTtlMs).toBeGreaterThan(0);
    expect(env.INSTANCE_ID).toBe('web-1');
    expect(parseEnv({}).INSTANCE_ID).toBeUndefined();
  });

  it('stops start-up on a bad face-check threshold, naming it', () => {
    expect(() => parseEnv({ FACE_MIN_REGISTRY_SIMILARITY: '1.5' })).toThrow(/FACE_MIN_REGISTRY_SIMILARITY/);
  });
});
