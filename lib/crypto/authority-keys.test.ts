import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KEY_RING_ENV,
  createKeyRing,
  getActiveKey,
  loadAuthorityKeyRing,
  loadOrCreateDevKeyRing,
  parseKeyRing,
  rotateKeyRing,
} from './authority-keys';
import { createIdentityQrCodec } from '@/lib/identity/identity-qr';
import { generateSm2KeyPair } from './sm2';

describe('parseKeyRing', () => {
  const ring = createKeyRing();

  it('accepts a ring as JSON text or as a value, normalising hex to lower case', () => {
    expect(parseKeyRing(JSON.stringify(ring))).toEqual(ring);
    const key = getActiveKey(ring);
    const shouting = { active: 'k1', keys: [{ ...key, privateKeyHex: key.privateKeyHex.toUpperCase(), sm4KeyHex: key.sm4KeyHex.toUpperCase() }] };
    expect(parseKeyRing(shouting)).toEqual(ring);
  });

  it('rejects a public key that does not belong to the private key', () => {
    const key = getActiveKey(ring);
    const wrong = { active: 'k1', keys: [{ ...key, publicKeyHex: generateSm2KeyPair().publicKeyHex }] };
    expect(() => parseKeyRing(wrong)).toThrow(/keys\.0\.publicKeyHex: does not belong to privateKeyHex/);
  });

  it('rejects duplicate kids, a missing active key, bad sizes and non-JSON', () => {
    const key = getActiveKey(ring);
    expect(() => parseKeyRing({ active: 'k1', keys: [key, key] })).toThrow(/keys\.1\.id: duplicate id "k1"/);
    expect(() => parseKeyRing({ active: 'k9', keys: [key] })).toThrow(/active: no key has id "k9"/);
    expect(() => parseKeyRing({ active: 'k1', keys: [{ ...key, sm4KeyHex: 'abcd' }] })).toThrow(/sm4KeyHex: must be 16 bytes/);
    expect(() => parseKeyRing({ active: 'k1', keys: [{ ...key, privateKeyHex: '0'.repeat(64) }] })).toThrow(/privateKeyHex/);
    expect(() => parseKeyRing({ active: 'key-number-one', keys: [{ ...key, id: 'key-number-one' }] })).toThrow(/keys\.0\.id: .*kid/);
    expect(() => parseKeyRing({ active: 'k1', keys: [] })).toThrow(/keys/);
    expect(() => parseKeyRing('{not json')).toThrow(/not valid JSON/);
  });

  it('does not put key material in its error messages', () => {
    const key = getActiveKey(ring);
    const wrong = { active: 'k1', keys: [{ ...key, sm4KeyHex: `${key.sm4KeyHex}00` }] };
    try {
      parseKeyRing(wrong);
      expect.unreachable();
    } catch (err) {
      expect(String(err)).not.toContain(key.privateKeyHex);
      expect(String(err)).not.toContain(key.sm4KeyHex);
    }
  });
});

describe('rings written before the shared key-ring format', () => {
  it('still load, from IDENTITY_QR_KEYS and from the dev file, with the same kid: codes issued before still verify', async () => {
    const ring = rotateKeyRing(createKeyRing());
    const written = JSON.stringify({ active: ring.active, keys: ring.keys.map(({ id, ...material }) => ({ kid: id, ...material })) });
    expect(written).not.toContain('"id"');
    expect(parseKeyRing(written)).toEqual(ring);

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'identity-keys-'));
    try {
      const file = path.join(dir, 'identity-keys.json');
      await fs.writeFile(file, written, { mode: 0o600 });
      expect((await loadAuthorityKeyRing({ [KEY_RING_ENV]: written }, file)).ring).toEqual(ring);
      expect((await loadAuthorityKeyRing({}, file)).ring).toEqual(ring);
      expect(await fs.readFile(file, 'utf8')).toBe(written); // read, not rewritten
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }

    const issuedAt = new Date('2026-01-01T00:00:00Z');
    const { code } = createIdentityQrCodec(ring).issue('8f14e45f-ceea-467a-9575-3d1b5e2f0a11', issuedAt);
    expect(createIdentityQrCodec(parseKeyRing(written)).verify(code, issuedAt)).toMatchObject({ result: 'accepted', kid: 'k2' });
  });
});

describe('rotateKeyRing', () => {
  it('adds a new active key and keeps the old ones, without changing the original ring', () => {
    const first = createKeyRing();
    const second = rotateKeyRing(first);
    const third = rotateKeyRing(second);
    expect(first.keys.map((k) => k.id)).toEqual(['k1']);
    expect(second.active).toBe('k2');
    expect(third.active).toBe('k3');
    expect(third.keys.map((k) => k.id)).toEqual(['k1', 'k2', 'k3']);
    expect(third.keys[0]).toEqual(first.keys[0]);
    expect(new Set(third.keys.map((k) => k.privateKeyHex)).size).toBe(3);
    expect(new Set(third.keys.map((k) => k.sm4KeyHex)).size).toBe(3);
    expect(parseKeyRing(JSON.stringify(third))).toEqual(third);
  });
});

describe('loadOrCreateDevKeyRing', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'identity-keys-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates a private file on first use and reads the same ring afterwards', async () => {
    const file = path.join(dir, 'nested', 'identity-keys.json');
    const created = await loadOrCreateDevKeyRing(file);
    expect(created.active).toBe('k1');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDevKeyRing(file)).toEqual(created);
    expect(await fs.readdir(path.dirname(file))).toEqual(['identity-keys.json']); // no temporary files left
  });

  it('gives every concurrent caller the same ring', async () => {
    const file = path.join(dir, 'identity-keys.json');
    const rings = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevKeyRing(file)));
    for (const ring of rings) expect(ring).toEqual(rings[0]);
    expect(parseKeyRing(await fs.readFile(file, 'utf8'))).toEqual(rings[0]);
    expect(await fs.readdir(dir)).toEqual(['identity-keys.json']);
  });

  it('refuses a damaged file instead of replacing it', async () => {
    const file = path.join(dir, 'identity-keys.json');
    await fs.writeFile(file, '{"active":"k1","keys":[]}');
    await expect(loadOrCreateDevKeyRing(file)).rejects.toThrow(/identity-keys\.json: Invalid identity QR key ring/);
    expect(await fs.readFile(file, 'utf8')).toBe('{"active":"k1","keys":[]}');
  });

  it(`prefers ${KEY_RING_ENV} and otherwise falls back to the file`, async () => {
    const file = path.join(dir, 'identity-keys.json');
    const configured = rotateKeyRing(createKeyRing());
    const fromEnv = await loadAuthorityKeyRing({ [KEY_RING_ENV]: JSON.stringify(configured) }, file);
    expect(fromEnv).toEqual({ ring: configured, source: 'environment' });
    await expect(fs.stat(file)).rejects.toThrow(/ENOENT/);
    const fromFile = await loadAuthorityKeyRing({ [KEY_RING_ENV]: '  ' }, file);
    expect(fromFile.source).toBe('file');
    expect(fromFile.ring).toEqual(await loadOrCreateDevKeyRing(file));
  });
});
