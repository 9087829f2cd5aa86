// Verifier terminal API keys: "eidt_" + base32 of 32 random bytes (52 characters), shown once.
// Only the SM3 hash (the lookup key) and a short prefix (to tell keys apart in the admin list) are
// stored. A key is 256 random bits, so an unsalted hash is enough: there is nothing to guess.
import { createHmac, randomBytes } from 'node:crypto';
import type { TerminalKind } from '@/db/schema';
import { encodeBase32 } from '@/lib/crypto/base32';
import { hashSm3 } from '@/lib/crypto/sm3-sm4';

export const TERMINAL_KEY_PREFIX = 'eidt_';
const KEY_BYTES = 32;
/** How a key is spelled: the prefix and exactly 52 base32 characters. */
export const TERMINAL_KEY_PATTERN = /^eidt_[A-Z2-7]{52}$/;
/** Characters kept in the clear: the prefix and 6 characters (30 bits, enough to tell keys apart). */
const SHOWN_PREFIX_LENGTH = TERMINAL_KEY_PREFIX.length + 6;

export function generateTerminalApiKey(): string {
  return TERMINAL_KEY_PREFIX + encodeBase32(randomBytes(KEY_BYTES));
}

/** The stored form of a key: hex SM3 of its text. */
export function hashTerminalApiKey(key: string): string {
  return hashSm3(key).toString('hex');
}

/** What the admin list shows of a key, e.g. "eidt_K3QF7A". */
export function terminalApiKeyPrefix(key: string): string {
  return key.slice(0, SHOWN_PREFIX_LENGTH);
}

/**
 * A demo terminal's key, derived from the server's secret: a development server prints the same keys
 * on every start without keeping them in clear, and the e2e tests compute them from the e2e secret.
 */
export function deriveDemoTerminalKey(secret: string, kind: TerminalKind): string {
  const digest = createHmac('sha256', secret).update(`eid-demo-terminal:${kind}`).digest();
  return TERMINAL_KEY_PREFIX + encodeBase32(digest);
}

/** The three demo terminals' keys for this secret (the seed creates one terminal of each kind). */
export function demoTerminalKeys(secret: string): Record<TerminalKind, string> {
  return {
    internet_cafe: deriveDemoTerminalKey(secret, 'internet_cafe'),
    event_gate: deriveDemoTerminalKey(secret, 'event_gate'),
    service_counter: deriveDemoTerminalKey(secret, 'service_counter'),
  };
}
