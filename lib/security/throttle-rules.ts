import type { ThrottleRule } from './throttle';

// The limits of every gate, per account (or registry record) and per client address.
export const THROTTLE_RULES = {
  signInCodePerResident: { limit: 5, windowSeconds: 15 * 60 },
  signInCodePerClient: { limit: 20, windowSeconds: 15 * 60 },
  registryMatchPerClient: { limit: 10, windowSeconds: 15 * 60 },
  // Misses naming one ID number, from any device: a spoofed or rotated address cannot find someone's
  // mobile by trying numbers against their name and ID number (keyed by the blind index, never the number).
  registryMissPerIdNumber: { limit: 10, windowSeconds: 24 * 60 * 60 },
  codeVerifyPerClient: { limit: 30, windowSeconds: 15 * 60 },
  questionnairePerClient: { limit: 10, windowSeconds: 24 * 60 * 60 },
  terminalVerifyPerTerminal: { limit: 600, windowSeconds: 60 },
  // A café terminal's page: a status poll a second, a fresh QR a minute, the register now and then;
  // four times that is still a person's pace, and a leaked key cannot hammer the signer or the database.
  cafeTerminalPerTerminal: { limit: 240, windowSeconds: 60 },
  certificateVerifyPerClient: { limit: 60, windowSeconds: 60 },
  // Files inspected (upload route and documents-step check): a wizard needs a handful, retries included.
  uploadCheckPerAccount: { limit: 60, windowSeconds: 60 * 60 },
} satisfies Record<string, ThrottleRule>;
