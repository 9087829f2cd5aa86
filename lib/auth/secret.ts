import { getEnv } from '@/lib/env';

// The one secret that signs sessions and keys one-time-code hashes. scripts/start.mjs creates one
// for the embedded default; in production it must be configured.
export function getAuthSecret(): string {
  const secret = getEnv().NEXTAUTH_SECRET;
  if (secret) return secret;
  if (process.env.NEXT_PHASE === 'phase-production-build') return 'build-time-placeholder-secret';
  throw new Error('NEXTAUTH_SECRET is not set (npm start creates one in .data/auth-secret)');
}
