import { describe, expect, it } from 'vitest';
import { dictionaryFor } from '@/lib/i18n/messages';
import { CHALLENGE_ACTIONS, createChallenge } from './challenge';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('createChallenge', () => {
  it('issues 3 distinct known actions, a nonce and a 60 s deadline by default', () => {
    const challenge = createChallenge(NOW);
    expect(challenge.actions).toHaveLength(3);
    expect(new Set(challenge.actions).size).toBe(3);
    for (const action of challenge.actions) expect(CHALLENGE_ACTIONS).toContain(action);
    expect(challenge.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(challenge.issuedAt.getTime()).toBe(NOW.getTime());
    expect(challenge.expiresAt.getTime() - challenge.issuedAt.getTime()).toBe(60_000);
  });

  it('is deterministic for a given rng, ttl and nonce', () => {
    const first = createChallenge(NOW, () => 0, 30_000, 'n');
    expect(first).toEqual({ nonce: 'n', actions: ['turn_left', 'turn_right', 'nod'], issuedAt: NOW, expiresAt: new Date(NOW.getTime() + 30_000) });
    const last = createChallenge(NOW, (max) => max - 1, 30_000, 'n');
    expect(last.actions).toEqual(['open_mouth', 'turn_left', 'turn_right']);
  });

  it('can produce every action in every position', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) createChallenge(NOW).actions.forEach((a, position) => seen.add(`${position}:${a}`));
    expect(seen.size).toBe(CHALLENGE_ACTIONS.length * 3);
  });

  it('uses fresh nonces and does not share the caller’s date', () => {
    const a = createChallenge(NOW);
    const b = createChallenge(NOW);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.issuedAt).not.toBe(NOW);
  });

  it('has a Chinese and an English instruction for every step', () => {
    for (const step of ['neutral', ...CHALLENGE_ACTIONS] as const) {
      expect(dictionaryFor('zh-CN').enrol.face.instruction[step]).toMatch(/\p{Script=Han}/u);
      expect(dictionaryFor('en').enrol.face.instruction[step].length).toBeGreaterThan(3);
      expect(dictionaryFor('zh-CN').enrol.face.action[step]).toMatch(/\p{Script=Han}/u);
      expect(dictionaryFor('en').enrol.face.action[step].length).toBeGreaterThan(3);
    }
  });
});
