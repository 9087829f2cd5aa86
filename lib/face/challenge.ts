import { randomBytes, randomInt } from 'node:crypto';
import { CHALLENGE_ACTIONS, type ChallengeAction } from './actions';

// The actions live in ./actions (no Node imports: the capture page uses them); their instructions in the
// dictionary (enrol.face.instruction).
export { CHALLENGE_ACTIONS, type ActionOrNeutral, type ChallengeAction } from './actions';

export const CHALLENGE_LENGTH = 3;
export const DEFAULT_CHALLENGE_TTL_MS = 60_000;

export type Challenge = {
  nonce: string;
  actions: ChallengeAction[];
  issuedAt: Date;
  expiresAt: Date;
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
