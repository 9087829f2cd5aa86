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

export const TERMINAL_KIND_LABELS: Record<TerminalKind, { zh: string; en: string; sees: { zh: string; en: string } }> = {
  internet_cafe: { zh: '网吧', en: 'Internet café', sees: { zh: '姓名、是否成年', en: 'name, whether 18 or over' } },
  event_gate: { zh: '赛事检录口', en: 'Event gate', sees: { zh: '姓名、照片、是否持票及座位', en: 'name, photo, whether they hold a ticket and the seat' } },
  service_counter: { zh: '服务窗口', en: 'Service counter', sees: { zh: '姓名、脱敏身份证号、照片', en: 'name, masked ID number, photo' } },
};

/** What a scan can answer; the same words appear on the terminal and in the citizen's history. */
export type TerminalVerificationResult = 'accepted' | 'expired' | 'invalid' | 'revoked' | 'replayed';

export const TERMINAL_RESULT_LABELS: Record<TerminalVerificationResult, { zh: string; en: string }> = {
  accepted: { zh: '核验通过', en: 'Verified' },
  expired: { zh: '身份码已过期', en: 'Code expired' },
  invalid: { zh: '身份码无效', en: 'Not a valid identity code' },
  revoked: { zh: '电子身份证已暂停或注销', en: 'e-ID suspended or revoked' },
  replayed: { zh: '身份码已被使用', en: 'Code already used' },
};
