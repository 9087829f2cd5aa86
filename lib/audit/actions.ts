import { eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/connect';
import { auditChainHead, auditEvents } from '@/db/schema';
import { hashAuditRow, normaliseDetails } from './chain';

// Every audited action, with what it records. Keyed so the UI's labels (below) cannot miss one.
export const AUDIT_ACTIONS = {
  'citizen.sign_in_code_requested': 'a one-time code was sent to the registered phone',
  'citizen.sign_in_failed': 'a wrong or expired one-time code was entered',
  'citizen.signed_in': 'a citizen signed in (details.method: the one-time code, or wallet_qr confirmed in the wallet)',
  'citizen.qr_sign_in_approved': 'a citizen confirmed in the wallet a sign-in on another device',
  'citizen.qr_sign_in_cancelled': 'a citizen picked the wrong number for a wallet sign-in, or said it was not them: the request was cancelled',
  'staff.signed_in': 'a staff member signed in',
  'staff.sign_in_failed': 'a wrong staff username or password',
  'staff.totp_enrolled': 'a staff member turned on two-factor sign-in (TOTP), confirmed with a first code',
  'staff.signed_out_everywhere': 'a staff member ended all their sessions (details: how many)',
  'staff.recovery_codes_regenerated': 'a staff member replaced their two-factor recovery codes, after entering a current code',
  'staff.totp_reset': 'an admin reset another staff member’s two-factor sign-in and ended their sessions (details: was enrolled, sessions ended)',
  'citizen.signed_out_everywhere': 'a citizen ended all their sessions (details: how many)',
  'application.submitted': 'a citizen submitted an application',
  'application.filed_at_counter': 'a counter clerk filed an application on behalf of a citizen identified by their wallet QR (details: reference, service, citizen account, counter district, documents)',
  'application.counter_citizen_identified': 'a counter clerk scanned a citizen’s wallet identity QR to serve them at the counter (details: counter district, e-ID level)',
  'application.transitioned': 'an application changed status (details: transition, from, to)',
  'application.viewed_by_staff': 'a staff member opened a case',
  'application.pii_revealed': 'a staff member clicked "show" for the applicant’s full ID number or mobile on the case page (details: field)',
  'application.deadline_warned': 'the deadline job warned the holder and the supervisor that a case is due soon',
  'application.escalated': 'a case was escalated to the supervisor (details: reason — a breached deadline, or the clerk asked)',
  'application.note_added': 'a staff member added an internal note to a case',
  'application.jurisdiction_moved': 'a resubmit corrected the destination district: the case moved to that district (details: from, to, released claim)',
  'dispatch.pickup_reminded': 'the pickup-reminder job reminded the holder of a certificate still waiting at the counter',
  'document.viewed': 'a document was opened',
  'certificate.issued': 'a certificate was issued on approval',
  'certificate.downloaded': 'a certificate PDF was downloaded',
  'certificate.verified': 'someone checked a certificate through its QR code',
  'dispatch.created': 'a mail dispatch was queued for a certificate',
  'dispatch.transitioned': 'a mail dispatch changed status',
  'certificate.revoked': 'a supervisor revoked a certificate (details: reason code)',
  'certificate.reissued': 'a supervisor reissued a certificate; the new one supersedes it (details: reason code, new serial)',
  'dispatch.batch_printed': 'a supervisor printed a batch of certificates with labels and a packing list',
  'dispatch.batch_pdf_downloaded': 'a print batch PDF (certificates, labels, packing list) was downloaded',
  'dispatch.tracking_rejected': 'a courier webhook was refused (bad signature or body)',
  'dispatch.manifest_imported': 'a supervisor imported a courier tracking manifest',
  'dispatch.pickup_identity_failed': 'a counter hand-over was refused: the collector is not the holder',
  'dispatch.exported': 'a supervisor exported the dispatch list as CSV',
  'eid.real_person_deferred': 'the citizen went on without the real-person check (gate 2 not passed)',
  'eid.real_person_challenge_issued': 'a real-person challenge (3 random actions) was issued (gate 2)',
  'eid.real_person_passed': 'the live face check passed (gate 2; details: check id and scores kept on the check)',
  'eid.real_person_failed': 'the live face check refused the evidence (details: reason and failed frame)',
  'eid.real_person_lapsed': 'the session’s real-person check lapsed after the L3 window of inactivity; the session dropped to the level its other gates prove',
  'eid.photo_consent_revoked': 'the citizen withdrew consent to reuse the face-check photo',
  'eid.face_frames_purged': 'captured face frames past the audit window were deleted by the purge job',
  'eid.questionnaire_started': 'a questionnaire attempt was generated (gate 3)',
  'eid.questionnaire_passed': 'the citizen passed the questionnaire; the session is at L2',
  'eid.questionnaire_failed': 'a questionnaire attempt failed',
  'eid.issued': 'an e-ID was issued (申领)',
  'eid.level_raised': 'an e-ID reached a higher assurance level',
  'eid.suspended': 'the citizen suspended their e-ID',
  'eid.resumed': 'the citizen resumed their suspended e-ID',
  'eid.revoked': 'staff revoked an e-ID',
  'eid.looked_up': 'a supervisor or admin looked an e-ID up by ID number',
  'terminal.registered': 'an admin registered a verifier terminal (key shown once)',
  'terminal.deactivated': 'an admin deactivated a verifier terminal',
  'event.created': 'an admin created a real-name ticketed event and named its gate terminals',
  'event.ticket_list_replaced': 'an admin uploaded an event’s ticket list (stored as keyed hashes; details: how many tickets)',
  'event.ticket_list_purged': 'the event had ended: its ticket list was deleted (details: how many tickets)',
  'cafe.checked_in': 'a citizen confirmed in the wallet a check-in at an internet café terminal’s seat (subject: the check-in; details: terminal, seat)',
  'cafe.checked_out': 'an internet café terminal ended a seat’s session (subject: the check-in)',
  'cafe.register_searched': 'a police officer searched the internet café register (details: by person or café, how many rows; never the full ID number)',
  'service.published': 'an admin published a version of a service from the designer (details: version, whether the service is new)',
  'outbox.retried': 'a supervisor or admin put a failed or dead e-mail/SMS back in the queue (details: kind, status and attempts before)',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditEntry = {
  action: AuditAction;
  actorType: 'citizen' | 'staff' | 'system' | 'public';
  actorId: string | null;
  subjectType: 'application' | 'document' | 'certificate' | 'dispatch' | 'citizen' | 'staff' | 'resident' | 'eid' | 'terminal' | 'event' | 'face_check' | 'print_batch' | 'outbox_message' | 'cafe_check_in' | 'cafe_register' | 'service';
  subjectId: string;
  details?: Record<string, unknown>;
};

/**
 * Appends one entry to the hash-chained trail. The chain head row is locked (FOR UPDATE) until the
 * caller's transaction ends, and the row's id is taken only after that, so concurrent writers on
 * PostgreSQL queue up and make one chain in id order; a rolled-back writer leaves the head as it was.
 */
export async function writeAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    const [head] = await tx.select().from(auditChainHead).where(eq(auditChainHead.id, 1)).for('update');
    if (!head) throw new Error('audit_chain_head is missing: the database is not migrated');
    const [next] = await queryRows<{ id: string }>(tx, sql`select nextval(pg_get_serial_sequence('audit_events', 'id'))::text as id`);
    const row = {
      id: Number(next!.id),
      action: entry.action,
      actorType: entry.actorType,
      actorId: entry.actorId,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: normaliseDetails(entry.details),
      createdAt: new Date(),
      prevHash: head.lastHash,
    };
    const hash = hashAuditRow(row);
    await tx.insert(auditEvents).values({ ...row, hash });
    await tx.update(auditChainHead).set({ lastId: row.id, lastHash: hash }).where(eq(auditChainHead.id, 1));
  });
}

