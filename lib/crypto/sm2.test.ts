import { createHash } from 'node:crypto';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import {
  SM2_SIGNATURE_BYTES,
  deriveSm2PublicKey,
  generateSm2KeyPair,
  isValidSm2PublicKey,
  signSm2,
  verifySm2,
} from './sm2';
import { hashSm3 } from './sm3-sm4';

const text = (s: string) => new TextEncoder().encode(s);
const message = text('EID1. 电子身份证 identity QR payload');

describe('SM2 signatures', () => {
  const keys = generateSm2KeyPair();

  it('generates a valid key pair whose public key matches the private key', () => {
    expect(keys.privateKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(isValidSm2PublicKey(keys.publicKeyHex)).toBe(true);
    expect(deriveSm2PublicKey(keys.privateKeyHex)).toBe(keys.publicKeyHex);
    expect(generateSm2KeyPair().privateKeyHex).not.toBe(keys.privateKeyHex);
  });

  it('signs as 64 bytes r || s and verifies the signature', () => {
    const signature = signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex });
    expect(signature).toHaveLength(SM2_SIGNATURE_BYTES);
    expect(verifySm2(message, signature, keys.publicKeyHex)).toBe(true);
    // Deriving the public key instead of passing it gives an equally valid signature.
    expect(verifySm2(message, signSm2(message, keys.privateKeyHex), keys.publicKeyHex)).toBe(true);
  });

  it('is randomised: two signatures of one message differ and both verify', () => {
    const a = signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex });
    const b = signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(verifySm2(message, a, keys.publicKeyHex)).toBe(true);
    expect(verifySm2(message, b, keys.publicKeyHex)).toBe(true);
  });

  it('rejects a tampered message, a tampered signature and another key', () => {
    const signature = signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex });
    for (const index of [0, 7, message.length - 1]) {
      const tampered = Uint8Array.from(message);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(verifySm2(tampered, signature, keys.publicKeyHex)).toBe(false);
    }
    for (const index of [0, 31, 32, 63]) {
      const tampered = Uint8Array.from(signature);
      tampered[index] = (tampered[index] ?? 0) ^ 0x80;
      expect(verifySm2(message, tampered, keys.publicKeyHex)).toBe(false);
    }
    expect(verifySm2(message, signature, generateSm2KeyPair().publicKeyHex)).toBe(false);
    expect(verifySm2(message, signature.subarray(0, 63), keys.publicKeyHex)).toBe(false);
    expect(verifySm2(message, new Uint8Array(64), keys.publicKeyHex)).toBe(false);
    expect(verifySm2(message, new Uint8Array(64).fill(0xff), keys.publicKeyHex)).toBe(false);
  });

  it('rejects r or s outside [1, n-1]', () => {
    const n = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
    const hex = Buffer.from(signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex })).toString('hex');
    const [r, s] = [hex.slice(0, 64), hex.slice(64)];
    for (const forged of [n + s, r + n, '0'.repeat(64) + s, r + '0'.repeat(64)]) {
      expect(verifySm2(message, Buffer.from(forged, 'hex'), keys.publicKeyHex)).toBe(false);
    }
  });

  it('binds the signer id: a signature under another user id does not verify under the default', () => {
    const signature = signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex, userId: 'wuhan-psb' });
    expect(verifySm2(message, signature, keys.publicKeyHex, { userId: 'wuhan-psb' })).toBe(true);
    expect(verifySm2(message, signature, keys.publicKeyHex)).toBe(false);
  });
});

describe('SM2 interoperability with the classic sm-crypto', () => {
  const bytes = Array.from(message);

  it('classic sm-crypto verifies our signatures', () => {
    for (let i = 0; i < 3; i++) {
      const keys = generateSm2KeyPair();
      const signature = signSm2(message, keys.privateKeyHex, { publicKeyHex: keys.publicKeyHex });
      const hex = Buffer.from(signature).toString('hex');
      expect(smCrypto.sm2.doVerifySignature(bytes, hex, keys.publicKeyHex, { hash: true })).toBe(true);
      expect(smCrypto.sm2.doVerifySignature(bytes.slice(1), hex, keys.publicKeyHex, { hash: true })).toBe(false);
    }
  });

  it('we verify signatures made by classic sm-crypto, with its keys', () => {
    for (let i = 0; i < 3; i++) {
      const keys = smCrypto.sm2.generateKeyPairHex();
      const hex = smCrypto.sm2.doSignature(bytes, keys.privateKey, { hash: true, publicKey: keys.publicKey });
      expect(verifySm2(message, Buffer.from(hex, 'hex'), keys.publicKey)).toBe(true);
      expect(verifySm2(message.subarray(1), Buffer.from(hex, 'hex'), keys.publicKey)).toBe(false);
      expect(deriveSm2PublicKey(keys.privateKey)).toBe(smCrypto.sm2.getPublicKeyFromPrivateKey(keys.privateKey));
    }
  });

  it('agrees on a non-default signer id', () => {
    const keys = generateSm2KeyPair();
    const ours = signSm2(message, keys.privateKeyHex, { userId: 'terminal-42' });
    const hex = Buffer.from(ours).toString('hex');
    expect(smCrypto.sm2.doVerifySignature(bytes, hex, keys.publicKeyHex, { hash: true, userId: 'terminal-42' })).toBe(true);
    const theirs = smCrypto.sm2.doSignature(bytes, keys.privateKeyHex, { hash: true, userId: 'terminal-42' });
    expect(verifySm2(message, Buffer.from(theirs, 'hex'), keys.publicKeyHex, { userId: 'terminal-42' })).toBe(true);
  });
});

describe('SM3', () => {
  const inputs = [new Uint8Array(0), text('abc'), text('abcd'.repeat(16)), text('电子身份证'), Uint8Array.from({ length: 1000 }, (_, i) => i % 251)];

  it("equals Node's OpenSSL SM3 and the classic sm-crypto", () => {
    for (const input of inputs) {
      const ours = Buffer.from(hashSm3(input)).toString('hex');
      expect(ours).toBe(createHash('sm3').update(input).digest('hex'));
      expect(ours).toBe(smCrypto.sm3(Array.from(input)));
    }
  });

  it('matches the GB/T 32905 test vector for "abc"', () => {
    expect(Buffer.from(hashSm3(text('abc'))).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});
