// What each kind of verifier terminal is, and the only attributes it learns from a scan (最小必要).
// No server imports: the admin page and the terminal page read these too.
import type { TerminalKind } from '@/db/schema';

export const TERMINAL_KINDS = ['internet_cafe', 'event_gate', 'service_counter'] as const satisfies readonly TerminalKind[];

export type TerminalAttributes = {
  /** Internet café (网吧实名上网): who, and whether they may be admitted (18 or over). */
  internet_cafe: { name: string; isAdult: boolean };
  /** Event gate (赛事安保): who, the registry photo to compare with the face (a short-lived link:
   *  GET it with the terminal's key, lib/terminals/photo-token.ts; null when the registry has none), and
   *  whether they hold a ticket for the event open at this gate — never their ID number. */
  event_gate: { name: string; photo: string | null; ticket: GateTicket };
  /** Service counter (政务窗口): who, the masked ID number, and the photo. */
  service_counter: { name: string; idNumberMasked: string; photo: string | null };
};

/** What a gate learns from the event's real-name ticket list (lib/events/manage-events.ts). */
export type GateTicket =
  | { status: 'holder'; event: string; ticketNo: string; seat: string }
  | { status: 'no_ticket'; event: string }
  | { status: 'no_event' };

export type AnyTerminalAttributes = TerminalAttributes[TerminalKind];

export const TERMINAL_ATTRIBUTE_KEYS = {
  internet_cafe: ['name', 'isAdult'],
  event_gate: ['name', 'photo', 'ticket'],
  service_counter: ['name', 'idNumberMasked', 'photo'],
} as const satisfies { [K in TerminalKind]: readonly (keyof TerminalAttributes[K])[] };

// A kind's name and what it sees are staff.terminals.kindName.* and kindSees.* in the dictionary.

/** What a scan can answer; its words (terminal.result.*) are the same on the terminal and in the citizen's history. */
export const TERMINAL_VERIFICATION_RESULTS = ['accepted', 'expired', 'invalid', 'revoked', 'replayed'] as const;
export type TerminalVerificationResult = (typeof TERMINAL_VERIFICATION_RESULTS)[number];

/** A stored result (identity_uses.result) that has words; anything else is shown as it is. */
export function isTerminalVerificationResult(value: string): value is TerminalVerificationResult {
  return (TERMINAL_VERIFICATION_RESULTS as readonly string[]).includes(value);
}
