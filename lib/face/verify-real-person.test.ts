import { readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChallenge, type ChallengeAction } from './challenge';
import { getFaceConfig } from './config';
import { analyzeImage, measureSimilarity, type DetectedFace } from './engine';
import { detectActions, verifyRealPerson, type RealPersonFrame } from './verify-real-person';

// Model loading and ~0.2 s per frame on the WASM backend: generous per-test budget.
const TIMEOUT = 120_000;

// CI checks out shared/ beside the clone; the photos never live in the repo itself.
const FIXTURES = path.resolve(process.cwd(), '..', 'shared', 'testdata', 'faces');
const readFixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const photo = (persona: 'a' | 'b', n: number) => readFixture(`stock-emotions-${persona}-${n}.jpg`);

const config = getFaceConfig({});
const NOW = new Date('2026-11-28T12:00:00Z');
// A's photos can show these three (measured: A-2 head turned to her left, A-5 head down, A-6 mouth open).
const ACTIONS: ChallengeAction[] = ['turn_left', 'nod', 'open_mouth'];
const challenge = { ...createChallenge(NOW, () => 0, config.challengeTtlMs), actions: ACTIONS };

/** A neutral frame then one frame per challenge action, 2 s apart, inside the challenge window. */
function buildFrames(images: Uint8Array[], actions: RealPersonFrame['action'][] = ['neutral', ...ACTIONS]): RealPersonFrame[] {
  return images.map((bytes, i) => ({ action: actions[i]!, capturedAt: new Date(NOW.getTime() + 2_000 * (i + 1)), bytes }));
}

const verifyAt = (frames: RealPersonFrame[], registryPhoto: Uint8Array, now = new Date(NOW.getTime() + 10_000)) =>
  verifyRealPerson({ challenge, frames, registryPhoto, now, config });

/** Two photos side by side in one JPEG: a frame with two faces. */
function composeSideBySide(left: Uint8Array, right: Uint8Array): Uint8Array {
  const a = jpeg.decode(left, { useTArray: true });
  const b = jpeg.decode(right, { useTArray: true });
  const width = a.width + b.width;
  const height = Math.max(a.height, b.height);
  const data = new Uint8Array(width * height * 4);
  for (const [img, offsetX] of [[a, 0], [b, a.width]] as const) {
    for (let y = 0; y < img.height; y++) {
      data.set(img.data.subarray(y * img.width * 4, (y + 1) * img.width * 4), (y * width + offsetX) * 4);
    }
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 90).data);
}

const registryA = photo('a', 1);

describe('verifyRealPerson on the face fixtures', () => {
  beforeAll(async () => {
    // Print the calibration figures once so the chosen threshold can be checked in the test output.
    const names = [...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`stock-emotions-a-${n}.jpg`]), ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `stock-emotions-b-${n}.jpg`), 'ai-face.jpg'];
    const faces = new Map<string, DetectedFace>();
    for (const name of names) {
      const analysis = await analyzeImage(readFixture(name));
      faces.set(name, analysis.faces[0]!);
    }
    const reference = faces.get('stock-emotions-a-1.jpg')!;
    const lines = names.map((name) => {
      const f = faces.get(name)!;
      const fmt = (n: number) => n.toFixed(3);
      return `${name.padEnd(24)} sim→A-1 ${fmt(measureSimilarity(f.embedding, reference.embedding))}  yaw ${fmt(f.yaw)} pitch ${fmt(f.pitch)} eyes ${fmt(f.eyeOpenness.left)}/${fmt(f.eyeOpenness.right)} mouth ${fmt(f.mouthOpenness)} real ${fmt(f.antispoofScore)} live ${fmt(f.livenessScore)}`;
    });
    const pairs: { same: boolean; sim: number; label: string }[] = [];
    for (const [i, x] of names.entries()) {
      for (const y of names.slice(i + 1)) {
        const persona = (n: string) => (n.includes('-a-') ? 'A' : n.includes('-b-') ? 'B' : 'C');
        pairs.push({ same: persona(x) === persona(y), sim: measureSimilarity(faces.get(x)!.embedding, faces.get(y)!.embedding), label: `${x}↔${y}` });
      }
    }
    const minSame = pairs.filter((p) => p.same).reduce((m, p) => (p.sim < m.sim ? p : m));
    const maxOther = pairs.filter((p) => !p.same).reduce((m, p) => (p.sim > m.sim ? p : m));
    console.log(
      [
        `face fixtures (threshold: registry ≥ ${config.minRegistrySimilarity}, same person ≥ ${config.minSamePersonSimilarity}):`,
        ...lines,
        `all pairs: lowest same-person ${minSame.sim.toFixed(3)} (${minSame.label}), highest different-person ${maxOther.sim.toFixed(3)} (${maxOther.label})`,
      ].join('\n'),
    );
  }, TIMEOUT);

  it("accepts A's other photos against A's registry photo", async () => {
    const verdict = await verifyAt(buildFrames([photo('a', 3), photo('a', 2), photo('a', 5), photo('a', 6)]), registryA);
    expect(verdict.reason, JSON.stringify(verdict.scores.frames)).toBe('ok');
    expect(verdict.passed).toBe(true);
    for (const frame of verdict.scores.frames) expect(frame.registrySimilarity).toBeGreaterThanOrEqual(config.minRegistrySimilarity);
  }, TIMEOUT);

  it("refuses B's photos against A's registry photo as no match", async () => {
    const verdict = await verifyAt(buildFrames([photo('b', 6), photo('b', 7), photo('b', 2), photo('b', 3)]), registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'no_match' });
    for (const frame of verdict.scores.frames) expect(frame.registrySimilarity).toBeLessThan(config.minRegistrySimilarity);
  }, TIMEOUT);

  it("refuses C's photo against A's registry photo as no match", async () => {
    const c = readFixture('ai-face.jpg');
    const verdict = await verifyAt(buildFrames([c, c, c, c]), registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'no_match' });
    expect(verdict.scores.frames[0]!.registrySimilarity).toBeLessThan(config.minRegistrySimilarity);
  }, TIMEOUT);

  it('refuses one still photo repeated for every step (no movement)', async () => {
    const still = photo('a', 3);
    const verdict = await verifyAt(buildFrames([still, still, still, still]), registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'no_movement' });
  }, TIMEOUT);

  it('refuses a still photo re-encoded per step, so the bytes differ (no movement)', async () => {
    const { data, width, height } = jpeg.decode(photo('a', 3), { useTArray: true });
    const stills = [80, 85, 90, 95].map((quality) => new Uint8Array(jpeg.encode({ data, width, height }, quality).data));
    const verdict = await verifyAt(buildFrames(stills), registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'no_movement', scores: { failedFrame: 1 } });
  }, TIMEOUT);

  it('refuses the actions performed in the wrong order', async () => {
    // Labelled as challenged, but the photos show open mouth, turn, nod instead of turn, nod, open mouth.
    const verdict = await verifyAt(buildFrames([photo('a', 3), photo('a', 6), photo('a', 2), photo('a', 5)]), registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'wrong_order' });
  }, TIMEOUT);

  it('refuses frames uploaded in another order than challenged', async () => {
    const frames = buildFrames([photo('a', 3), photo('a', 5), photo('a', 2), photo('a', 6)], ['neutral', 'nod', 'turn_left', 'open_mouth']);
    const verdict = await verifyAt(frames, registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'wrong_order' });
  }, TIMEOUT);

  it('refuses an expired challenge', async () => {
    const frames = buildFrames([photo('a', 3), photo('a', 2), photo('a', 5), photo('a', 6)]);
    const late = await verifyAt(frames, registryA, new Date(challenge.expiresAt.getTime() + 1));
    expect(late).toMatchObject({ passed: false, reason: 'expired' });
    const lastFrameLate = frames.map((f, i) => (i === 3 ? { ...f, capturedAt: new Date(challenge.expiresAt.getTime() + 1_000) } : f));
    expect(await verifyAt(lastFrameLate, registryA)).toMatchObject({ passed: false, reason: 'expired' });
  }, TIMEOUT);

  it('refuses a frame with two faces', async () => {
    const twoFaces = composeSideBySide(photo('a', 3), photo('b', 6));
    const verdict = await verifyAt(buildFrames([twoFaces, photo('a', 2), photo('a', 5), photo('a', 6)]), registryA);
    expect(verdict).toMatchObject({ passed: false, reason: 'several_faces', scores: { failedFrame: 0 } });
    expect(verdict.scores.frames[0]!.faceCount).toBe(2);
  }, TIMEOUT);

  it("measures B's closed eyes as a blink and A's poses as the actions the tests rely on", async () => {
    const face = async (bytes: Uint8Array) => (await analyzeImage(bytes)).faces[0]!;
    expect(detectActions(await face(photo('b', 6)), await face(photo('b', 1)), config)).toContain('blink');
    const neutralA = await face(photo('a', 3));
    expect(detectActions(neutralA, await face(photo('a', 2)), config)).toEqual(['turn_left']);
    expect(detectActions(neutralA, await face(photo('a', 5)), config)).toEqual(['nod']);
    expect(detectActions(neutralA, await face(photo('a', 6)), config)).toEqual(['open_mouth']);
  }, TIMEOUT);
});
