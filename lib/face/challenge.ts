import { randomBytes, randomInt } from 'node:crypto';

export const CHALLENGE_ACTIONS = ['turn_left', 'turn_right', 'nod', 'blink', 'open_mouth'] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];
/** The first captured frame is a plain look at the camera: every action is measured against it. */
export type ActionOrNeutral = ChallengeAction | 'neutral';

export const CHALLENGE_LENGTH = 3;
export const DEFAULT_CHALLENGE_TTL_MS = 60_000;

export type Challenge = {
  nonce: string;
  actions: ChallengeAction[];
  issuedAt: Date;
  expiresAt: Date;
};

export const ACTION_INSTRUCTIONS: Record<ActionOrNeutral, { zh: string; en: string }> = {
  neutral: { zh: '请正对镜头，保持不动', en: 'Look straight at the camera and hold still' },
  turn_left: { zh: '请向左转头', en: 'Turn your head to the left' },
  turn_right: { zh: '请向右转头', en: 'Turn your head to the right' },
  nod: { zh: '请点头（低头）', en: 'Nod (tilt your head down)' },
  blink: { zh: '请眨眼', en: 'Blink your eyes' },
  open_mouth: { zh: '请张嘴', en: 'Open your mouth' },
};

/** Returns an integer in [0, max); injectable so tests can fix the sequence. */
export type RandomInt = (max: number) => number;

/**
 * A fresh challenge: 3 distinct actions in random order, a random nonce and a deadline.
 * Pure apart from the default cryptographic randomness.
 */
export function createChallenge(
  now: Date,
  rng: RandomInt = (max) => randomInt(max),
  ttlMs: number = DEFAULT_CHALLENGE_TTL_MS,
  nonce: string = randomBytes(16).toString('base64url'),
  actionPool: readonly ChallengeAction[] = CHALLENGE_ACTIONS,
): Challenge {
  // Partial Fisher–Yates: each ordered triple is equally likely.
  const pool: ChallengeAction[] = [...new Set(actionPool)];
  if (pool.length < CHALLENGE_LENGTH) throw new Error(`a challenge needs at least ${CHALLENGE_LENGTH} distinct actions`);
  for (let i = 0; i < CHALLENGE_LENGTH; i++) {
    const j = i + rng(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return {
    nonce,
    actions: pool.slice(0, CHALLENGE_LENGTH),
    issuedAt: new Date(now.getTime()),
    expiresAt: new Date(now.getTime() + ttlMs),
  };
}
