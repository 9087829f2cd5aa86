import { getEnv } from '@/lib/env';
import type { TwoFactorRequirement } from './staff-sign-in';
import { readStoredTotpKeyRing, totpSealingFrom, type TotpSealing } from './totp-sealing';

// The one secret that signs sessions and keys one-time-code hashes. scripts/start.mjs creates one
// for the embedded default; in production it must be configured.
export function getAuthSecret(): string {
  const secret = getEnv().NEXTAUTH_SECRET;
  if (secret) return secret;
  if (getEnv().NEXT_PHASE === 'phase-production-build') return 'build-time-placeholder-secret';
  throw new Error('NEXTAUTH_SECRET is not set (npm start creates one in .data/auth-secret)');
}

/** The keys that seal staff TOTP secrets (lib/auth/totp-sealing.ts). */
export function getTotpSealing(): TotpSealing {
  return totpSealingFrom(getAuthSecret(), readStoredTotpKeyRing(getEnv()));
}

/** Whether clerks too must use two-factor sign-in: the setting, else on in production. */
export function getTwoFactorRequirement(): TwoFactorRequirement {
  const env = getEnv();
  return env.STAFF_TOTP_REQUIRED ?? (env.NODE_ENV === 'production' ? 'all' : 'privileged');
}
