import { randomUUID } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { createKeyRing, rotateKeyRing } from '@/lib/crypto/authority-keys';
import { decodeBase32, encodeBase32 } from '@/lib/crypto/base32';
import {
  IDENTITY_QR_PREFIX,
  IDENTITY_QR_TTL_SECONDS,
  createIdentityQrCodec,
  renderIdentityQrPng,
  renderIdentityQrSvg,
} from './identity-qr';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const subjectRef = '5f0c2a9e-3b1d-4c6e-9a7f-0d8e2b4c6a1f';
const issuedAt = new Date('2025-03-07T09:30:15.400Z');
// Edits the bytes under the base32, so the result is canonical base32 and fails for the intended reason.
function reencode(code: string, edit: (bytes: Buffer) => Uint8Array): string {
  const bytes = decodeBase32(code.slice(IDENTITY_QR_PREFIX.length));
  if (!bytes) throw new Error('not base32');
  return IDENTITY_QR_PREFIX + encodeBase32(edit(Buffer.from(bytes)));
}
const plusSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

describe('identity QR codec', () => {
  const ring = createKeyRing();
  const codec = createIdentityQrCodec(ring);

  it('issues a compact, upper-case alphanumeric code that expires 60 s after its issue second', () => {
    const { code, expiresAt, nonce } = codec.issue(subjectRef, issuedAt);
    expect(code.startsWith(IDENTITY_QR_PREFIX)).toBe(true);
    expect(code).toMatch(/^EID1\.[A-Z2-7]+$/);
    expect(code).toHaveLength(164);
    expect(nonce).toMatch(/^[0-9a-f]{16}$/);
    expect(expiresAt).toEqual(new Date('2025-03-07T09:31:15.000Z'));
    expect(IDENTITY_QR_TTL_SECONDS).toBe(60);
  });

  it('accepts a code within 60 s and returns its claims', () => {
    const { code, expiresAt, nonce } = codec.issue(subjectRef, issuedAt);
    for (const later of [0, 1, 30, 59.5]) {
      expect(codec.verify(code, plusSeconds(issuedAt, later))).toEqual({
        result: 'accepted',
        kid: 'k1',
        subjectRef,
        nonce,
        issuedAt: new Date('2025-03-07T09:30:15.000Z'),
        expiresAt,
      });
    }
  });

  it('reports expired, still with its claims, from 60 s on', () => {
    const { code, expiresAt, nonce } = codec.issue(subjectRef, issuedAt);
    expect(codec.verify(code, expiresAt)).toMatchObject({ result: 'expired', subjectRef, nonce, kid: 'k1' });
    expect(codec.verify(code, plusSeconds(issuedAt, 3600))).toMatchObject({ result: 'expired', expiresAt });
  });

  it('tolerates 5 s of clock skew for a code issued "in the future", and no more', () => {
    const { code } = codec.issue(subjectRef, issuedAt);
    expect(codec.verify(code, plusSeconds(issuedAt, -5)).result).toBe('accepted');
    expect(codec.verify(code, plusSeconds(issuedAt, -6))).toEqual({ result: 'invalid', reason: 'issued in the future' });
  });

  it('returns the subject as a lower-case uuid whatever case it was issued with', () => {
    const { code } = codec.issue(subjectRef.toUpperCase(), issuedAt);
    expect(codec.verify(code, issuedAt)).toMatchObject({ result: 'accepted', subjectRef });
  });

  it('refuses to issue for anything but a uuid', () => {
    expect(() => codec.issue('420106199003071238', issuedAt)).toThrow(TypeError);
    expect(() => codec.issue(subjectRef.replaceAll('-', ''), issuedAt)).toThrow(TypeError);
  });

  it('makes two codes for one subject in the same second differ entirely (unlinkable)', () => {
    const a = codec.issue(subjectRef, issuedAt);
    const b = codec.issue(subjectRef, issuedAt);
    expect(a.nonce).not.toBe(b.nonce);
    // Only the prefix and the key id ("EID1." + 4 base32 characters for "k1") are shared.
    const shared = IDENTITY_QR_PREFIX.length + 4;
    expect(a.code.slice(0, shared)).toBe(b.code.slice(0, shared));
    const bodyA = a.code.slice(shared + 1);
    const bodyB = b.code.slice(shared + 1);
    let samePositions = 0;
    for (let i = 0; i < bodyA.length; i++) if (bodyA[i] === bodyB[i]) samePositions++;
    // Random strings agree in 1/32 of positions; allow generous slack, but no shared runs of structure.
    expect(samePositions).toBeLessThan(bodyA.length / 8);
  });

  it('makes any one changed character invalid, at every position', () => {
    const { code } = codec.issue(subjectRef, issuedAt);
    const now = plusSeconds(issuedAt, 10);
    for (let i = 0; i < code.length; i++) {
      const original = code[i] ?? '';
      const alphabet = i < IDENTITY_QR_PREFIX.length ? `${BASE32}1.` : BASE32;
      const replacements = [alphabet[(alphabet.indexOf(original) + 1) % alphabet.length] ?? 'A', original.toLowerCase(), '0'];
      for (const replacement of replacements) {
        if (replacement === original) continue;
        const changed = code.slice(0, i) + replacement + code.slice(i + 1);
        const verdict = codec.verify(changed, now);
        expect(verdict.result, `position ${i}: ${original} → ${replacement}`).toBe('invalid');
      }
    }
  });

  it('reports malformed codes as invalid with a reason for the log', () => {
    const { code } = codec.issue(subjectRef, issuedAt);
    const now = plusSeconds(issuedAt, 10);
    const cases: [string, string][] = [
      ['', 'unknown prefix or version'],
      ['hello', 'unknown prefix or version'],
      [`EID2.${code.slice(5)}`, 'unknown prefix or version'],
      [code.toLowerCase(), 'unknown prefix or version'],
      [`EID1.${code.slice(5).toLowerCase()}`, 'not canonical base32'],
      [code.slice(0, -1), 'not canonical base32'],
      [reencode(code, (bytes) => bytes.subarray(0, -1)), 'wrong length'],
      [reencode(code, (bytes) => Buffer.concat([bytes, Buffer.of(0)])), 'wrong length'],
      [reencode(code, (bytes) => Buffer.concat([Buffer.of(9), bytes.subarray(1)])), 'bad key id length'],
      [reencode(code, (bytes) => Buffer.concat([Buffer.of(2), Buffer.from('k!'), bytes.subarray(3)])), 'malformed key id'],
      [`${code}A`.repeat(3), 'too long'],
      ['EID1.AA', 'bad key id length'],
    ];
    for (const [text, reason] of cases) expect(codec.verify(text, now)).toEqual({ result: 'invalid', reason });
  });

  it('accepts a code with a trailing line break from a keyboard-wedge scanner', () => {
    const { code } = codec.issue(subjectRef, issuedAt);
    expect(codec.verify(`${code}\r\n`, issuedAt).result).toBe('accepted');
  });

  it('rejects a code signed by a key that is not in the ring', () => {
    const stranger = createIdentityQrCodec(createKeyRing()); // same kid "k1", other keys
    const { code } = stranger.issue(subjectRef, issuedAt);
    expect(codec.verify(code, issuedAt)).toEqual({ result: 'invalid', reason: 'bad signature' });
    const otherKid = createIdentityQrCodec(createKeyRing('x7')).issue(subjectRef, issuedAt).code;
    expect(codec.verify(otherKid, issuedAt)).toEqual({ result: 'invalid', reason: 'unknown key id x7' });
  });

  it('reports a ring whose SM4 key does not match as a failed decryption, not as a person', () => {
    const { code } = codec.issue(subjectRef, issuedAt);
    const [key] = ring.keys;
    if (!key) throw new Error('ring has no key');
    const mismatched = createIdentityQrCodec({ active: 'k1', keys: [{ ...key, sm4KeyHex: '00'.repeat(16) }] });
    expect(mismatched.verify(code, issuedAt)).toEqual({ result: 'invalid', reason: 'decryption check failed' });
  });

  it('after rotation issues with the new kid and still verifies old-key codes until they expire', () => {
    const oldCode = codec.issue(subjectRef, issuedAt);
    const rotated = createIdentityQrCodec(rotateKeyRing(ring));
    expect(rotated.activeKid).toBe('k2');
    const rotatedAt = plusSeconds(issuedAt, 20);
    const newCode = rotated.issue(subjectRef, rotatedAt);
    expect(rotated.verify(newCode.code, rotatedAt)).toMatchObject({ result: 'accepted', kid: 'k2', subjectRef });
    expect(rotated.verify(oldCode.code, rotatedAt)).toMatchObject({ result: 'accepted', kid: 'k1', subjectRef });
    expect(rotated.verify(oldCode.code, oldCode.expiresAt)).toMatchObject({ result: 'expired', kid: 'k1' });
    // The old codec does not know k2.
    expect(codec.verify(newCode.code, rotatedAt)).toEqual({ result: 'invalid', reason: 'unknown key id k2' });
  });

  it('fits a version-7 QR at error correction M (version ≤ 10 even with an 8-character kid)', () => {
    expect(QRCode.create(codec.issue(subjectRef, issuedAt).code, { errorCorrectionLevel: 'M' }).version).toBe(7);
    const longKid = createIdentityQrCodec(createKeyRing('k1234567')).issue(subjectRef, issuedAt).code;
    expect(QRCode.create(longKid, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(7);
  });
});

describe('identity QR image', () => {
  const codec = createIdentityQrCodec(createKeyRing());
  const name = '李明';
  const idNumber = '420106199003071238';

  it('decodes with jsQR (not the encoder that drew it) to exactly the code, and holds no personal data', async () => {
    for (let i = 0; i < 5; i++) {
      const subject = randomUUID();
      const { code } = codec.issue(subject, issuedAt);
      const png = PNG.sync.read(await renderIdentityQrPng(code));
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(decoded?.data).toBe(code);
      expect(decoded?.version).toBe(7);

      const text = decoded?.data ?? '';
      for (const needle of [name, idNumber, idNumber.slice(0, 17), subject, subject.replaceAll('-', '')]) {
        expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
      }
      expect(text).not.toMatch(/\d{17}/);
      expect(Buffer.from(decoded?.binaryData ?? []).includes(Buffer.from(subject.replaceAll('-', ''), 'hex'))).toBe(false);
    }
  });

  it('renders the PNG at scale 6 with a 2-module margin, and an SVG of the same symbol', async () => {
    const { code } = codec.issue(randomUUID(), issuedAt);
    const png = PNG.sync.read(await renderIdentityQrPng(code));
    expect(png.width).toBe((45 + 2 * 2) * 6);
    const svg = await renderIdentityQrSvg(code);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 49 49"/);
  });
});
