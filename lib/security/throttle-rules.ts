import type { ThrottleRule } from './throttle';

// The limits of every gate, per account (or registry record) and per client address.
export const THROTTLE_RULES = {
  signInCodePerResident: { limit: 5, windowSeconds: 15 * 60 },
  signInCodePerClient: { limit: 20, windowSeconds: 15 * 60 },
  registryMatchPerClient: { limit: 10, windowSeconds: 15 * 60 },
  codeVerifyPerClient: { limit: 30, windowSeconds: 15 * 60 },
  questionnairePerClient: { limit: 10, windowSeconds: 24 * 60 * 60 },
  terminalVerifyPerTerminal: { limit: 600, windowSeconds: 60 },
  certificateVerifyPerClient: { limit: 60, windowSeconds: 60 },
  // Files inspected (upload route and documents-step check): a wizard needs a handful, retries included.
  uploadCheckPerAccount: { limit: 60, windowSeconds: 60 * 60 },
} satisfies Record<string, ThrottleRule>;

/**
 * The client's address as the proxy in front of the app reports it, or undefined: callers then skip
 * per-client limits rather than pool every unidentified visitor into one bucket (which would let one
 * abuser lock everybody out). Per-account and per-record limits always apply.
 */
export function clientKeyFrom(headers: Headers): string | undefined {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip')?.trim() || undefined;
}
