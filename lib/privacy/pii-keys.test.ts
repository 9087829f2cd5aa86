import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decryptValue, generatePiiKeyRing, PiiDecryptionError, piiKeyRingSchema } from './field-encryption';
import { openJson, resealJson, sealJson, sealedKeyId } from './pii-columns';
import { addActivePiiKey, dropInactivePiiKeys, loadOrCreateDevPiiKeyRing, resolvePiiKeyRing, serialisePiiKeyRing, TEST_PII_KEYS } from './pii-keys';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pii-keys-'));

describe('PII key ring configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('refuses to run in production on PostgreSQL without PII_KEYS, as with NEXTAUTH_SECRET', () => {
    const file = path.join(tmp(), 'pii-keys.json');
    expect(() => resolvePiiKeyRing({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/eid', PII_KEYS: undefined, PII_KEYS_FILE: file, PGLITE_DATA_DIR: '.data/pglite' })).toThrow(/PII_KEYS is not set/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('creates a dev ring beside the embedded database once (mode 0600) and reuses it', () => {
    const dir = tmp();
    const file = path.join(dir, 'pii-keys.json');
    const env = { NODE_ENV: 'production' as const, DATABASE_URL: undefined, PII_KEYS: undefined, PII_KEYS_FILE: undefined, PGLITE_DATA_DIR: path.join(dir, 'pglite') };
    const first = resolvePiiKeyRing(env);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(serialisePiiKeyRing(resolvePiiKeyRing(env))).toEqual(serialisePiiKeyRing(first));
  });

  it('takes PII_KEYS from the environment and names the variable when it is malformed', async () => {
    vi.stubEnv('PII_KEYS', TEST_PII_KEYS);
    const { getEnv } = await import('@/lib/env');
    expect(getEnv().PII_KEYS?.active).toBe('t1');
    vi.resetModules();
    vi.stubEnv('PII_KEYS', JSON.stringify({ ...JSON.parse(TEST_PII_KEYS), active: 'nope' }));
    const again = await import('@/lib/env');
    expect(() => again.getEnv()).toThrow(/PII_KEYS/);
    vi.resetModules();
    vi.stubEnv('PII_KEYS', 'not json');
    const third = await import('@/lib/env');
    expect(() => third.getEnv()).toThrow(/PII_KEYS: must be JSON/);
  });

  it('still reads a ring written before the shared format (keys as a map by id), from PII_KEYS and from the dev file', async () => {
    const current = generatePiiKeyRing('k1');
    const old = { active: 'k1', keys: { k1: { enc: current.keys[0]!.enc, mac: current.keys[0]!.mac } }, index: current.index };
    const expected = serialisePiiKeyRing(piiKeyRingSchema.parse(current));
    vi.stubEnv('PII_KEYS', JSON.stringify(old));
    const { getEnv } = await import('@/lib/env');
    expect(serialisePiiKeyRing(getEnv().PII_KEYS!)).toEqual(expected);
    const file = path.join(tmp(), 'pii-keys.json');
    fs.writeFileSync(file, JSON.stringify(old), { mode: 0o600 });
    expect(serialisePiiKeyRing(loadOrCreateDevPiiKeyRing(file))).toEqual(expected);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(old); // read as it is, not rewritten
  });

  it('adds a new active key and later drops the others', () => {
    const ring = piiKeyRingSchema.parse(generatePiiKeyRing('k1'));
    const rotated = addActivePiiKey(ring);
    expect(rotated.active).toBe('k2');
    expect(Object.keys(rotated.keys).sort()).toEqual(['k1', 'k2']);
    expect(rotated.index.equals(ring.index)).toBe(true);
    expect(Object.keys(dropInactivePiiKeys(rotated).keys)).toEqual(['k2']);
  });
});

describe('PII inside JSON documents', () => {
  const ring = piiKeyRingSchema.parse(generatePiiKeyRing('k1'));
  const form = { contactPhone: '13800138000', nested: [{ idNumber: '42010619900307123X' }], toAddress: '中南路 88 号', count: 3, reference: 'WH20261120000001' };

  it('seals whole-value phone and ID numbers at any depth and leaves everything else as it was', () => {
    const sealed = sealJson(ring, form) as typeof form;
    expect(sealedKeyId(sealed.contactPhone)).toBe('k1');
    expect(sealedKeyId(sealed.nested[0]!.idNumber)).toBe('k1');
    expect({ ...sealed, contactPhone: form.contactPhone, nested: form.nested }).toEqual(form);
    expect(JSON.stringify(sealed)).not.toMatch(/13800138000|42010619900307123X/);
    expect(openJson(ring, sealed)).toEqual(form);
    expect(decryptValue(ring, sealed.contactPhone)).toBe('13800138000');
  });

  it('refuses a tampered sealed value and reseals old-key values under the active key', () => {
    const sealed = sealJson(ring, form) as typeof form;
    const tampered = { ...sealed, contactPhone: `${sealed.contactPhone.slice(0, -2)}AA` };
    expect(() => openJson(ring, tampered)).toThrow(PiiDecryptionError);
    const rotated = addActivePiiKey(ring);
    const resealed = resealJson(rotated, sealed) as typeof form;
    expect(sealedKeyId(resealed.contactPhone)).toBe('k2');
    expect(openJson(rotated, resealed)).toEqual(form);
    expect(resealJson(rotated, resealed)).toEqual(resealed);
  });
});
