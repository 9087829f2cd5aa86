import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECONDS, listSpecFiles, planShards, SOLO_SPECS, SPEC_SECONDS, specFilesPattern, splitSolo } from '../../scripts/lib/e2e-shards.mjs';

const E2E_DIR = path.resolve(__dirname, '..', '..', 'e2e');

describe('e2e shards (scripts/test.mjs runs them side by side)', () => {
  const files = listSpecFiles(E2E_DIR);

  it('lists every journey file and no helper', () => {
    expect(files).toContain('real-person.spec.ts');
    expect(files.every((f) => f.endsWith('.spec.ts'))).toBe(true);
    expect(files.some((f) => f.includes('support'))).toBe(false);
  });

  it('puts every spec file in exactly one shard, none empty, and has a measured time for each', () => {
    for (const count of [1, 2, 3, 5]) {
      const shards = planShards(files, count);
      expect(shards).toHaveLength(Math.min(count, files.length));
      expect(shards.every((s) => s.files.length > 0)).toBe(true);
      expect(shards.flatMap((s) => s.files).sort()).toEqual(files);
    }
    // A new file still runs (as DEFAULT_SECONDS), but its time belongs in the table for the balance.
    expect(files.filter((f) => !(f in SPEC_SECONDS))).toEqual([]);
    expect(Object.keys(SPEC_SECONDS).filter((f) => !files.includes(f))).toEqual([]);
  });

  it('deals longest first to the least-loaded shard, so two shards end close together', () => {
    const shards = planShards(['a.spec.ts', 'b.spec.ts', 'c.spec.ts', 'd.spec.ts', 'new.spec.ts'], 2, {
      'a.spec.ts': 100,
      'b.spec.ts': 60,
      'c.spec.ts': 50,
      'd.spec.ts': 5,
    });
    expect(shards).toEqual([
      // a (100); b (60); c to the lighter b (110); new (DEFAULT_SECONDS) to a; d to the lower of two equal shards.
      { files: ['a.spec.ts', 'd.spec.ts', 'new.spec.ts'], seconds: 105 + DEFAULT_SECONDS },
      { files: ['b.spec.ts', 'c.spec.ts'], seconds: 110 },
    ]);
    const real = planShards(splitSolo(files).shared, 2);
    const [slow, fast] = real.map((s) => s.seconds).sort((a, b) => b - a);
    expect(slow! - fast!).toBeLessThanOrEqual(SPEC_SECONDS['accessibility.spec.ts']! / 4);
  });

  it('keeps the journeys that time the main thread out of the shards: each file runs once, in a shard or alone', () => {
    expect(SOLO_SPECS).toEqual(['real-person.spec.ts']);
    const { shared, solo } = splitSolo(files);
    expect(solo).toEqual(SOLO_SPECS);
    expect([...shared, ...solo].sort()).toEqual(files);
    const shards = planShards(shared, 2);
    expect(shards.flatMap((s) => s.files).filter((f) => SOLO_SPECS.includes(f))).toEqual([]);
    expect(shards.flatMap((s) => s.files).sort()).toEqual(shared);
  });

  it('refuses a shard count that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => planShards(files, bad)).toThrow(RangeError);
  });

  it('matches exactly the named files, by whole name, on either path separator', () => {
    const pattern = specFilesPattern(['eid.spec.ts', 'sign-in.spec.ts']);
    expect(pattern.test('/w/e2e/eid.spec.ts')).toBe(true);
    expect(pattern.test('C:\\w\\e2e\\sign-in.spec.ts')).toBe(true);
    expect(pattern.test('/w/e2e/staff-sign-in.spec.ts')).toBe(false);
    expect(pattern.test('/w/e2e/eidXspec.ts')).toBe(false);
    expect(pattern.test('/w/e2e/real-person.spec.ts')).toBe(false);
  });
});
