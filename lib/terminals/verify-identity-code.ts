// What a verifier terminal learns from a scanned identity QR: a result, and — only when accepted —
// the attributes its kind may see (lib/terminals/kinds.ts). Every scan of a known e-ID lands in the
// citizen's "who used my identity" history.
import { and, eq, lt, sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '@/db/connect';
import { citizenAccounts, identityUses, residentPhotos, residents, usedQrNonces, verifierTerminals, type TerminalKind } from '@/db/schema';
import { toBeijingDate } from '@/lib/calendar/working-days';
import type { IdentityQrCodec } from '@/lib/identity/identity-qr';
import { maskIdNumber } from '@/lib/privacy/mask';
import { stateFor, windowStartOf, type ThrottleRule, type ThrottleState } from '@/lib/security/throttle';
import { hashTerminalApiKey, TERMINAL_KEY_PATTERN } from './api-keys';
import { findOpenEventAtGate, findTicket } from '@/lib/events/manage-events';
import { TERMINAL_ATTRIBUTE_KEYS, type AnyTerminalAttributes, type GateTicket, type TerminalAttributes, type TerminalVerificationResult } from './kinds';
import { issuePhotoToken, photoUrlFor, readPhotoToken } from './photo-token';

export type AuthenticatedTerminal = { id: string; name: string; kind: TerminalKind };

export type { TerminalVerificationResult };

export type TerminalVerification =
  | { result: 'accepted'; attributes: AnyTerminalAttributes }
  | { result: Exclude<TerminalVerificationResult, 'accepted'> };

export type VerifyIdentityCodeContext = {
  codec: IdentityQrCodec;
  /** Signs the photo links of the kinds that show a photo (the server secret). */
  photoTokenSecret: string;
  now?: Date;
  /** Chance that this call also clears spent nonces whose codes have expired (0 in tests that count rows). */
  purgeChance?: number;
};

const DEFAULT_PURGE_CHANCE = 0.01;
const ADULT_AGE = 18;
// The registry holds photos as these; anything else is not shown (a data: URL of another type is never useful).
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The terminal named by `Authorization: Bearer <key>`, if the key is well formed, known and active.
 * The lookup is by the key's hash through a unique index, so it reveals nothing about other keys.
 */
export async function authenticateTerminal(db: Executor, authorizationHeader: string | null | undefined): Promise<AuthenticatedTerminal | null> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader ?? '');
  const key = match?.[1];
  if (!key || !TERMINAL_KEY_PATTERN.test(key)) return null;
  const [terminal] = await db
    .select({ id: verifierTerminals.id, name: verifierTerminals.name, kind: verifierTerminals.kind })
    .from(verifierTerminals)
    .where(and(eq(verifierTerminals.apiKeyHash, hashTerminalApiKey(key)), eq(verifierTerminals.isActive, true)));
  return terminal ?? null;
}

/**
 * authenticateTerminal and the terminal's rate limit in one statement: the hit is counted (the same
 * fixed-window bucket hitThrottle keeps) only when the key names an active terminal.
 */
export async function authenticateAndThrottleTerminal(
  db: Executor,
  authorizationHeader: string | null | undefined,
  rule: ThrottleRule,
  now: Date,
  /** Whose counter the hit goes to: the verify scans, or the café terminal's own requests. */
  bucket: 'terminal-verify' | 'cafe-terminal' = 'terminal-verify',
): Promise<{ terminal: AuthenticatedTerminal; throttle: ThrottleState } | null> {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorizationHeader ?? '');
  const key = match?.[1];
  if (!key || !TERMINAL_KEY_PATTERN.test(key)) return null;
  const [row] = await queryRows<{ id: string; name: string; kind: TerminalKind; hits: number }>(
    db,
    sql`
      with terminal as (
        select id, name, kind from verifier_terminals where api_key_hash = ${hashTerminalApiKey(key)} and is_active
      ),
      hit as (
        insert into throttle_buckets (key, window_start, hits)
        select ${bucket + ':'} || terminal.id::text, ${windowStartOf(now, rule).toISOString()}::timestamptz, 1 from terminal
        on conflict (key, window_start) do update set hits = throttle_buckets.hits + 1
        returning hits
      )
      select terminal.id::text as id, terminal.name, terminal.kind::text as kind, (select hits from hit)::int as hits from terminal`,
  );
  if (!row) return null;
  return { terminal: { id: row.id, name: row.name, kind: row.kind }, throttle: stateFor(Number(row.hits), rule, now) };
}

/**
 * Checks a scanned code for a terminal in ONE statement: record the nonce (a code is good once), read
 * the e-ID holder, decide the outcome and write the citizen's history row, as data-modifying CTEs of a
 * single INSERT — atomic on its own, one round trip. Only the kind's attributes are read: the ID number
 * (encrypted at rest) is read and decrypted for a service counter only, and a photo is never read here —
 * the kinds that show one get a short-lived link to it (lib/terminals/photo-token.ts).
 */
export async function verifyIdentityCode(
  db: Database,
  terminal: AuthenticatedTerminal,
  rawCode: string,
  ctx: VerifyIdentityCodeContext,
): Promise<TerminalVerification> {
  const now = ctx.now ?? new Date();
  const checked = ctx.codec.verify(rawCode, now);
  // Nothing readable, or a forged or altered code: there is no citizen to tell.
  if (checked.result === 'invalid') return { result: 'invalid' };

  const isFresh = checked.result === 'accepted';
  // The counter shows it masked; the gate hashes it to look for a ticket and never sends it on.
  const wantsIdNumber = terminal.kind === 'service_counter' || terminal.kind === 'event_gate';
  const wantsPhoto = TERMINAL_ATTRIBUTE_KEYS[terminal.kind].some((key) => key === 'photo');
  const [row] = await queryRows<VerifyRow>(
    db,
    sql`
      with recorded as (
        insert into used_qr_nonces (nonce, expires_at)
        select ${isFresh ? checked.nonce : ''}, ${isFresh ? checked.expiresAt.toISOString() : now.toISOString()}::timestamptz
        where ${isFresh}::boolean
        on conflict do nothing
        returning nonce
      ),
      holder as (
        select a.id as account_id, r.name, r.birth_date::text as birth_date,
          case when ${wantsIdNumber}::boolean then r.id_number end as id_number,
          ${wantsPhoto}::boolean and exists (
            select 1 from resident_photos p
            where p.resident_id = r.id and octet_length(p.content) > 0 and p.mime_type in ('image/jpeg', 'image/png', 'image/webp')
          ) as has_photo,
          case
            when not ${isFresh}::boolean then 'expired'
            when not exists (select 1 from recorded) then 'replayed'
            when e.status <> 'active' or r.status <> 'active' then 'revoked'
            else 'accepted'
          end as result
        from eids e
        join citizen_accounts a on a.id = e.citizen_account_id
        join residents r on r.id = a.resident_id
        where e.subject_ref = ${checked.subjectRef}
      ),
      use as (
        insert into identity_uses (citizen_account_id, kind, terminal_id, result, detail, created_at)
        select account_id, 'terminal_scan', ${terminal.id}, result, ${terminal.name}, ${now.toISOString()}::timestamptz from holder
        returning id
      )
      select holder.name, holder.birth_date, holder.id_number, holder.has_photo, holder.result, (select id from use)::text as use_id from holder`,
  );
  // A genuine signature over an e-ID we do not hold: treat like any other unusable code.
  const ticket = row?.result === 'accepted' && terminal.kind === 'event_gate' ? await gateTicketFor(db, terminal, row, now) : null;
  const verification: TerminalVerification = !row
    ? { result: 'invalid' }
    : row.result === 'accepted'
      ? { result: 'accepted', attributes: attributesFor(terminal, row, now, ctx.photoTokenSecret, ticket) }
      : { result: row.result };

  if (Math.random() < (ctx.purgeChance ?? DEFAULT_PURGE_CHANCE)) await purgeExpiredNonces(db, now);
  return verification;
}

type VerifyRow = {
  name: string;
  birth_date: string;
  id_number: string | null;
  has_photo: boolean;
  result: TerminalVerificationResult;
  use_id: string;
};

/** Forgets nonces of codes that have expired: an expired code is refused before its nonce matters. */
export async function purgeExpiredNonces(db: Executor, now = new Date()): Promise<number> {
  const purged = await db.delete(usedQrNonces).where(lt(usedQrNonces.expiresAt, now)).returning({ nonce: usedQrNonces.nonce });
  return purged.length;
}

/** 18 or over on today's date in Beijing; someone born on 29 February comes of age on 1 March. */
export function isAdultOn(birthDate: string, now: Date): boolean {
  const [year, month, day] = birthDate.split('-');
  return `${String(Number(year) + ADULT_AGE).padStart(4, '0')}-${month}-${day}` <= toBeijingDate(now);
}

async function gateTicketFor(db: Database, terminal: AuthenticatedTerminal, row: VerifyRow, now: Date): Promise<GateTicket> {
  const event = await findOpenEventAtGate(db, terminal.id, now);
  if (!event) return { status: 'no_event' };
  // Decrypted only to be hashed with the event's key: the gate gets the ticket, never the number.
  const ticket = await findTicket(db, event, residents.idNumber.mapFromDriverValue(row.id_number!) as string);
  return ticket ? { status: 'holder', event: event.name, ticketNo: ticket.ticketNo, seat: ticket.seat } : { status: 'no_ticket', event: event.name };
}

// Each kind gets exactly its own attributes, built here and nowhere else.
function attributesFor(terminal: AuthenticatedTerminal, row: VerifyRow, now: Date, photoTokenSecret: string, ticket: GateTicket | null): AnyTerminalAttributes {
  const photo = () => (row.has_photo ? photoUrlFor(issuePhotoToken(photoTokenSecret, terminal.id, Number(row.use_id), now)) : null);
  switch (terminal.kind) {
    case 'internet_cafe':
      return { name: row.name, isAdult: isAdultOn(row.birth_date, now) } satisfies TerminalAttributes['internet_cafe'];
    case 'event_gate':
      return { name: row.name, photo: photo(), ticket: ticket ?? { status: 'no_event' } } satisfies TerminalAttributes['event_gate'];
    case 'service_counter':
      return {
        name: row.name,
        // Stored encrypted; decrypted here, for this kind only, and masked before it leaves.
        idNumberMasked: maskIdNumber(residents.idNumber.mapFromDriverValue(row.id_number!) as string),
        photo: photo(),
      } satisfies TerminalAttributes['service_counter'];
  }
}

/**
 * The registry photo behind a photo link: only for the terminal the link was issued to, within its
 * lifetime, for an accepted scan, and only for a kind that shows photos. Null otherwise.
 */
export async function loadTerminalPhoto(
  db: Executor,
  terminal: AuthenticatedTerminal,
  token: string,
  ctx: { photoTokenSecret: string; now?: Date },
): Promise<{ mimeType: string; content: Uint8Array } | null> {
  if (!TERMINAL_ATTRIBUTE_KEYS[terminal.kind].some((key) => key === 'photo')) return null;
  const link = readPhotoToken(ctx.photoTokenSecret, terminal.id, token, ctx.now ?? new Date());
  if (!link) return null;
  const [photo] = await db
    .select({ mimeType: residentPhotos.mimeType, content: residentPhotos.content })
    .from(identityUses)
    .innerJoin(citizenAccounts, eq(citizenAccounts.id, identityUses.citizenAccountId))
    .innerJoin(residentPhotos, eq(residentPhotos.residentId, citizenAccounts.residentId))
    .where(and(eq(identityUses.id, link.useId), eq(identityUses.terminalId, terminal.id), eq(identityUses.kind, 'terminal_scan'), eq(identityUses.result, 'accepted')));
  if (!photo || photo.content.byteLength === 0 || !PHOTO_TYPES.has(photo.mimeType)) return null;
  return photo;
}
