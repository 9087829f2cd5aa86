import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keyRingSchema, loadKeyRing, parseKeyRing, rotateKeyRing, writeKeyRingFile } from './key-ring';

// A ring like the real ones: ids with a pattern, 32-byte base64 material, and an extra top-level key.
const keySchema = z.object({
  id: z.string().regex(/^[a-z0-9]{1,8}$/, 'must be 1–8 lower-case letters or digits'),
  secret: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64'),
});
const schema = keyRingSchema(keySchema, { index: z.string().min(1) });
const where = { source: 'TEST_KEYS', label: 'test' };
const newKey = (id: string) => ({ id, secret: randomBytes(32).toString('base64') });
const newRing = () => ({ active: 'k1', keys: [newKey('k1')], index: 'idx' });

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected an error');
}

describe('the key-ring format', () => {
  it('accepts a valid ring as JSON text or as a value', () => {
    const ring = { active: 'k2', keys: [newKey('k1'), newKey('k2')], index: 'idx' };
    expect(parseKeyRing(schema, JSON.stringify(ring), where)).toEqual(ring);
    expect(parseKeyRing(schema, ring, where)).toEqual(ring);
  });

  it('refuses duplicate ids, an active id no key has, no keys, and a missing extra field', () => {
    const key = newKey('k1');
    expect(thrown(() => parseKeyRing(schema, { active: 'k1', keys: [key, { ...key }], index: 'idx' }, where))).toMatch(/^TEST_KEYS: Invalid test key ring:\n {2}keys\.1\.id: duplicate id "k1"/);
    expect(thrown(() => parseKeyRing(schema, { active: 'k9', keys: [key], index: 'idx' }, where))).toMatch(/active: no key has id "k9"/);
    expect(thrown(() => parseKeyRing(schema, { active: 'k1', keys: [], index: 'idx' }, where))).toMatch(/keys:/);
    expect(thrown(() => parseKeyRing(schema, { active: 'k1', keys: [key] }, where))).toMatch(/index:/);
    expect(thrown(() => parseKeyRing(schema, { active: 'k1', keys: [{ ...key, id: 'Not Valid' }], index: 'idx' }, where))).toMatch(/keys\.0\.id: must be 1–8/);
  });

  it('names the bad material without printing it, nor the text of a ring that is not JSON', () => {
    const short = randomBytes(31).toString('base64');
    const message = thrown(() => parseKeyRing(schema, { active: 'k1', keys: [{ id: 'k1', secret: short }], index: 'idx' }, where));
    expect(message).toMatch(/keys\.0\.secret: must be 32 bytes, base64/);
    expect(message).not.toContain(short);

    const secret = newKey('k1').secret;
    const broken = `{"active":"k1","keys":[{"id":"k1","secret":"${secret}"]}`; // a bracket short
    const notJson = thrown(() => parseKeyRing(schema, broken, where));
    expect(notJson).toMatch(/^TEST_KEYS must be JSON: not valid JSON/);
    expect(notJson).not.toContain(secret);
  });

  it('still reads the older formats: "kid" for "id", and keys as a map by id', () => {
    const [k1, k2] = [newKey('k1'), newKey('k2')];
    const expected = { active: 'k2', keys: [k1, k2], index: 'idx' };
    // IDENTITY_QR_KEYS before the shared format.
    const withKid = { active: 'k2', keys: [k1, k2].map(({ id, ...material }) => ({ kid: id, ...material })), index: 'idx' };
    expect(parseKeyRing(schema, JSON.stringify(withKid), where)).toEqual(expected);
    // PII_KEYS before the shared format.
    const asMap = { active: 'k2', keys: { k1: { secret: k1.secret }, k2: { secret: k2.secret } }, index: 'idx' };
    expect(parseKeyRing(schema, JSON.stringify(asMap), where)).toEqual(expected);
    // The old formats are checked as strictly as the new one.
    expect(thrown(() => parseKeyRing(schema, { ...asMap, active: 'k3' }, where))).toMatch(/no key has id "k3"/);
  });
});

describe('loadKeyRing', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'key-ring-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const options = (file: string, envValue?: string) => ({ name: 'TEST_KEYS', label: 'test', envValue, file, schema });

  it('takes the environment over the file, and names the variable when it is wrong', () => {
    const file = path.join(dir, 'keys.json');
    const inFile = newRing();
    writeKeyRingFile(file, inFile);
    const inEnv = { ...newRing(), index: 'from-env' };
    expect(loadKeyRing({ ...options(file, JSON.stringify(inEnv)), generate: newRing })).toEqual({ ring: inEnv, source: 'environment' });
    expect(loadKeyRing(options(file, '  '))).toEqual({ ring: inFile, source: 'file' }); // blank is unset
    expect(() => loadKeyRing(options(file, '{"active":"k1"'))).toThrow(/^TEST_KEYS must be JSON/);
  });

  it('generates the file (0600, folders created) when absent, and reuses it afterwards', () => {
    const file = path.join(dir, 'nested', 'keys.json');
    const created = loadKeyRing({ ...options(file), generate: newRing });
    expect(created.source).toBe('file');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKeyRing({ ...options(file), generate: newRing }).ring).toEqual(created.ring);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['keys.json']); // no temporary files left
  });

  it('without a generator, returns null for an absent file and writes nothing', () => {
    const file = path.join(dir, 'keys.json');
    expect(loadKeyRing(options(file))).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a damaged file, naming it, instead of replacing it', () => {
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, '{"active":"k1","keys":[],"index":"idx"}');
    expect(() => loadKeyRing({ ...options(file), generate: newRing })).toThrow(/keys\.json: Invalid test key ring/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"active":"k1","keys":[],"index":"idx"}');
  });
});

describe('rotateKeyRing', () => {
  it('adds a fresh key, makes it active, keeps the old keys and the extra fields', () => {
    const first = newRing();
    const second = rotateKeyRing(first, 'k', newKey);
    const third = rotateKeyRing(second, 'k', newKey);
    expect(third.active).toBe('k3');
    expect(third.keys.map((k) => k.id)).toEqual(['k1', 'k2', 'k3']);
    expect(third.keys.slice(0, 2)).toEqual(second.keys);
    expect(third.index).toBe('idx');
    expect(first.keys).toHaveLength(1); // the ring it was given is unchanged
    expect(parseKeyRing(schema, third, where)).toEqual(third);
  });

  it('numbers past the highest id with the prefix, and starts a ring when there is none', () => {
    const ring = { active: 'x', keys: [newKey('x'), newKey('k7')], index: 'idx' };
    expect(rotateKeyRing(ring, 'k', newKey).active).toBe('k8');
    const started = rotateKeyRing(null, 't', newKey);
    expect(started.active).toBe('t1');
    expect(started.keys.map((k) => k.id)).toEqual(['t1']);
  });
});
