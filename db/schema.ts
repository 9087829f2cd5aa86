// The whole data model, laid out as enums → tables → relations → inferred types.
// Kept to SQL that PostgreSQL 15 (the server) and PGlite (PostgreSQL 18) both accept.
import { relations } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { encryptedText, piiJsonb } from '../lib/privacy/pii-columns';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // postgres.js hands back a Buffer, PGlite a Uint8Array: normalise to a plain Uint8Array view.
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// ───────────── enums ─────────────

export const sexEnum = pgEnum('sex', ['male', 'female']);
export const residentStatusEnum = pgEnum('resident_status', ['active', 'deceased', 'cancelled']);
export const householdRelationEnum = pgEnum('household_relation', ['head', 'spouse', 'child', 'parent', 'other']);
export const credentialKindEnum = pgEnum('credential_kind', [
  'resident_id_card',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'household_register',
  'residence_permit',
  'driving_licence',
  'vehicle_licence',
]);
export const credentialStatusEnum = pgEnum('credential_status', ['valid', 'expired', 'reported_lost', 'revoked']);
export const violationStatusEnum = pgEnum('violation_status', ['unhandled', 'handled']);
export const eidStatusEnum = pgEnum('eid_status', ['active', 'suspended', 'revoked']);
export const terminalKindEnum = pgEnum('terminal_kind', ['internet_cafe', 'event_gate', 'service_counter']);
export const faceCheckStatusEnum = pgEnum('face_check_status', ['issued', 'passed', 'failed']);
export const identityUseKindEnum = pgEnum('identity_use_kind', ['sign_in', 'terminal_scan', 'qr_sign_in', 'step_up', 'cafe_check_in']);
export const staffRoleEnum = pgEnum('staff_role', ['clerk', 'supervisor', 'admin', 'police']);
export const serviceCategoryEnum = pgEnum('service_category', ['household', 'traffic', 'exit_entry']);
export const approvalChainEnum = pgEnum('approval_chain', ['clerk', 'clerk_and_supervisor']);
export const applicationStatusEnum = pgEnum('application_status', [
  'draft',
  'submitted',
  'in_review',
  'needs_more_material',
  'awaiting_countersign',
  'approved',
  'rejected',
  'withdrawn',
]);
export const actorTypeEnum = pgEnum('actor_type', ['citizen', 'staff', 'system', 'public']);
export const certificateStatusEnum = pgEnum('certificate_status', ['valid', 'revoked', 'superseded']);
export const dispatchStatusEnum = pgEnum('dispatch_status', [
  'queued',
  'printed',
  'handed_to_courier',
  'in_transit',
  'delivered',
  'returned',
  'held_for_pickup',
  // Appended by the mail-delivery issue: collected at the counter after an identity check, and a
  // returned parcel that went out again as a new dispatch.
  'collected',
  'resent',
  // Not sent after all: the certificate was revoked or superseded before the parcel left the office.
  'cancelled',
]);
// How a certificate reaches its holder: by post, or waiting at the counter of the deciding district's office.
export const dispatchMethodEnum = pgEnum('dispatch_method', ['mail', 'counter']);
export const trackingEventSourceEnum = pgEnum('tracking_event_source', ['webhook', 'manifest', 'staff']);
export const outboxKindEnum = pgEnum('outbox_kind', ['email', 'sms']);
// pending → sent; a failed attempt is 'failed' (retried after a back-off); after MAX_ATTEMPTS it is 'dead'.
export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sent', 'failed', 'dead']);

// ───────────── population registry (人口信息库) ─────────────

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  householdNumber: text('household_number').notNull().unique(),
  districtCode: text('district_code').notNull(),
  address: text('address').notNull(),
  createdAt: createdAt(),
});

export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Encrypted at rest (lib/privacy/pii-columns.ts); looked up through the keyed blind index beside it.
    idNumber: encryptedText('id_number').notNull(),
    idNumberIndex: text('id_number_index').unique(),
    name: text('name').notNull(),
    sex: sexEnum('sex').notNull(),
    birthDate: date('birth_date').notNull(),
    phone: encryptedText('phone').notNull(),
    phoneIndex: text('phone_index'),
    address: text('address').notNull(),
    districtCode: text('district_code').notNull(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    householdRelation: householdRelationEnum('household_relation').notNull().default('head'),
    status: residentStatusEnum('status').notNull().default('active'),
    createdAt: createdAt(),
  },
  (t) => [
    index('residents_household_idx').on(t.householdId),
    index('residents_name_idx').on(t.name),
    // Prefix search by name in the queue (LIKE '王芳%') whatever the database's collation.
    index('residents_name_prefix_idx').on(t.name.op('text_pattern_ops')),
    index('residents_phone_index_idx').on(t.phoneIndex),
  ],
);

// The eight credentials of the card wallet, as the registry knows them (与实体证件数据同源).
export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    kind: credentialKindEnum('kind').notNull(),
    // The card, passport or licence number: tied to the person, so encrypted like the ID number.
    number: encryptedText('number').notNull(),
    numberIndex: text('number_index'),
    issuingAuthority: text('issuing_authority').notNull(),
    issuedOn: date('issued_on').notNull(),
    expiresOn: date('expires_on'),
    status: credentialStatusEnum('status').notNull().default('valid'),
  },
  (t) => [uniqueIndex('credentials_kind_number_index_idx').on(t.kind, t.numberIndex), index('credentials_resident_idx').on(t.residentId)],
);

export const addressHistory = pgTable(
  'address_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    districtCode: text('district_code').notNull(),
    street: text('street').notNull(),
    address: text('address').notNull(),
    movedInOn: date('moved_in_on').notNull(),
    movedOutOn: date('moved_out_on').notNull(),
  },
  (t) => [index('address_history_resident_idx').on(t.residentId)],
);

export const vehicles = pgTable(
  'vehicles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    plate: text('plate').notNull().unique(),
    ownerResidentId: uuid('owner_resident_id')
      .notNull()
      .references(() => residents.id),
    model: text('model').notNull(),
    color: text('color').notNull(),
    registeredOn: date('registered_on').notNull(),
  },
  (t) => [index('vehicles_owner_idx').on(t.ownerResidentId)],
);

export const drivingLicences = pgTable('driving_licences', {
  residentId: uuid('resident_id')
    .primaryKey()
    .references(() => residents.id),
  licenceClass: text('licence_class').notNull(),
  firstIssuedOn: date('first_issued_on').notNull(),
  validUntil: date('valid_until').notNull(),
  // Penalty points in the current 12-month cycle (12 means suspension).
  points: integer('points').notNull().default(0),
});

export const trafficViolations = pgTable(
  'traffic_violations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    plate: text('plate').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    districtCode: text('district_code').notNull(),
    location: text('location').notNull(),
    kind: text('kind').notNull(),
    fineYuan: integer('fine_yuan').notNull(),
    points: integer('points').notNull(),
    status: violationStatusEnum('status').notNull().default('unhandled'),
  },
  (t) => [index('traffic_violations_resident_idx').on(t.residentId, t.occurredAt)],
);

// The registry photo (the card photo), kept apart from the resident row so lists never load it.
export const residentPhotos = pgTable('resident_photos', {
  residentId: uuid('resident_id')
    .primaryKey()
    .references(() => residents.id),
  mimeType: text('mime_type').notNull(),
  content: bytea('content').notNull(),
});

// ───────────── accounts ─────────────

export const citizenAccounts = pgTable('citizen_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  residentId: uuid('resident_id')
    .notNull()
    .unique()
    .references(() => residents.id),
  email: text('email'),
  // The language the citizen last chose on the portal: their e-mail and SMS are written in it.
  preferredLocale: text('preferred_locale').notNull().default('zh-CN'),
  createdAt: createdAt(),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
});

export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sign_in_challenges_resident_idx').on(t.residentId, t.createdAt)],
);

export const staffUsers = pgTable('staff_users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  staffNumber: text('staff_number').notNull().unique(),
  role: staffRoleEnum('role').notNull(),
  // Districts a clerk works in; empty for bureau-wide roles.
  districtCodes: text('district_codes').array().notNull().default([]),
  office: text('office').notNull(),
  // Where deadline warnings and escalations go (through the outbox).
  email: text('email'),
  passwordHash: text('password_hash').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
});

// Server-side staff sessions, as citizen_sessions: the JWT names one, and ending it signs out at once.
// A change of role, districts, password or status ends them all (trigger in the migration).
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // When this session passed the second factor; null: signed in with the password only, which lets
    // the person enrol in TOTP and nothing else (lib/auth/actor.ts refuses it everywhere else).
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffUserId)],
);

// A password accepted, waiting for the second step (the authenticator or a recovery code): short-lived,
// used once, known to the browser only by a random token whose hash is kept here.
export const staffSignInAttempts = pgTable(
  'staff_sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    wrongCodes: integer('wrong_codes').notNull().default(0),
  },
  (t) => [index('staff_sign_in_attempts_staff_idx').on(t.staffUserId)],
);

// One-time recovery codes for a lost phone: only a hash is kept, and each works once.
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('staff_recovery_codes_hash_idx').on(t.staffUserId, t.codeHash)],
);

// A staff member's TOTP (RFC 6238) second factor. The secret is AES-256-GCM sealed under the key named
// by sealing_key_id (lib/auth/totp-sealing.ts; 'auth' is the one derived from the auth secret), so a
// rotation can reseal every row under a new key; confirmed_at is null until a first code proves the app
// holds it. last_used_step stops a code being used twice within its window.
export const staffTotp = pgTable('staff_totp', {
  staffUserId: uuid('staff_user_id')
    .primaryKey()
    .references(() => staffUsers.id),
  secretSealed: text('secret_sealed').notNull(),
  sealingKeyId: text('sealing_key_id').notNull().default('auth'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

// ───────────── the e-ID ─────────────

// The citizen's electronic ID card (申领 once gate 3 is passed). Its level is the highest proven;
// a session's level is what that session itself proved (citizen_sessions).
export const eids = pgTable('eids', {
  id: uuid('id').primaryKey().defaultRandom(),
  citizenAccountId: uuid('citizen_account_id')
    .notNull()
    .unique()
    .references(() => citizenAccounts.id),
  // What identity QR codes carry (encrypted): never the account id, never personal data.
  subjectRef: uuid('subject_ref').notNull().unique().defaultRandom(),
  status: eidStatusEnum('status').notNull().default('active'),
  assuranceLevel: integer('assurance_level').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
  statusReason: text('status_reason'),
});

// Server-side sessions: the JWT names one; its level and life are decided here and can be cut at once.
export const citizenSessions = pgTable(
  'citizen_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    assuranceLevel: integer('assurance_level').notNull(),
    // Gates passed in this session, in order: the enrolment flow reads these to refuse skipped steps.
    gatesPassed: text('gates_passed').array().notNull().default([]),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    // Touched at most once a minute (lib/auth/session-policy.ts); null = not seen since created_at.
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    // How the session was made: 'sms_code' (registry + one-time code) or 'wallet_qr' (confirmed in the wallet).
    signInMethod: text('sign_in_method').notNull().default('sms_code'),
  },
  (t) => [index('citizen_sessions_account_idx').on(t.citizenAccountId)],
);

export const questionnaireAttempts = pgTable(
  'questionnaire_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => citizenSessions.id),
    // What the browser sees (prompts and options) and, apart, what only the server knows.
    questions: jsonb('questions').notNull(),
    answerKey: jsonb('answer_key').notNull(),
    questionKeys: text('question_keys').array().notNull(),
    answers: jsonb('answers'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    isPassed: boolean('is_passed'),
  },
  (t) => [index('questionnaire_attempts_account_idx').on(t.citizenAccountId, t.startedAt)],
);

// Fixed-window counters for throttling, shared by every app instance through the database.
export const throttleBuckets = pgTable(
  'throttle_buckets',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export const verifierTerminals = pgTable('verifier_terminals', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: terminalKindEnum('kind').notNull(),
  districtCode: text('district_code').notNull(),
  // The API key is shown once; only its SM3 hash and a short prefix (to tell keys apart) are kept.
  apiKeyHash: text('api_key_hash').notNull().unique(),
  apiKeyPrefix: text('api_key_prefix').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
});

// The internet café register (网吧实名上网登记): the café terminal shows a signed, single-use QR for a seat
// (lib/cafe/checkin-token.ts); the citizen confirms it in the wallet and one row is written here. The
// token's nonce is unique, so a token checks in at most once. The terminal ends the session (checked_out_at).
// The café reads its own rows with its terminal key; the police search all of them (every search audited).
export const cafeCheckIns = pgTable(
  'cafe_check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenNonce: text('token_nonce').notNull().unique(),
    terminalId: uuid('terminal_id')
      .notNull()
      .references(() => verifierTerminals.id),
    seat: text('seat').notNull(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
  },
  (t) => [index('cafe_check_ins_terminal_idx').on(t.terminalId, t.checkedInAt), index('cafe_check_ins_resident_idx').on(t.residentId, t.checkedInAt)],
);

// Real-name tickets (赛事安保): an event, the gate terminals that admit to it, and its ticket list.
// The list holds no ID number: each holder is a keyed hash (HMAC-SM3 under a key derived for this
// event from the server's index key, lib/events/ticket-hash.ts), so a leaked table names nobody and
// cannot be joined with another event's list. Replaceable until the event starts; deleted after it.
export const ticketedEvents = pgTable('ticketed_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  venue: text('venue').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  ticketCount: integer('ticket_count').notNull().default(0),
  listVersion: integer('list_version').notNull().default(0),
  listUploadedAt: timestamp('list_uploaded_at', { withTimezone: true }),
  listPurgedAt: timestamp('list_purged_at', { withTimezone: true }),
  createdByStaffId: uuid('created_by_staff_id')
    .notNull()
    .references(() => staffUsers.id),
  createdAt: createdAt(),
});

export const eventGates = pgTable(
  'event_gates',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => ticketedEvents.id, { onDelete: 'cascade' }),
    terminalId: uuid('terminal_id')
      .notNull()
      .references(() => verifierTerminals.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.terminalId] }), index('event_gates_terminal_idx').on(t.terminalId)],
);

export const eventTickets = pgTable(
  'event_tickets',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => ticketedEvents.id, { onDelete: 'cascade' }),
    holderHash: text('holder_hash').notNull(),
    ticketNo: text('ticket_no').notNull(),
    seat: text('seat').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.holderHash] })],
);

// A code is good for one scan: its nonce is recorded until the code would have expired anyway.
export const usedQrNonces = pgTable('used_qr_nonces', {
  nonce: text('nonce').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

// "Who used my identity": every sign-in and every terminal scan, shown in the wallet.
export const identityUses = pgTable(
  'identity_uses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    kind: identityUseKindEnum('kind').notNull(),
    terminalId: uuid('terminal_id').references(() => verifierTerminals.id),
    result: text('result').notNull(),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('identity_uses_account_idx').on(t.citizenAccountId, t.id)],
);

// Gate 2, the real-person check: one row per challenge issued. The decision keeps every score and
// its reason for as long as the check exists; the frames themselves only for the audit window.
export const faceChecks = pgTable(
  'face_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => citizenSessions.id),
    nonce: text('nonce').notNull().unique(),
    actions: text('actions').array().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    status: faceCheckStatusEnum('status').notNull().default('issued'),
    reason: text('reason'),
    scores: jsonb('scores'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    framesPurgedAt: timestamp('frames_purged_at', { withTimezone: true }),
  },
  (t) => [index('face_checks_account_idx').on(t.citizenAccountId, t.issuedAt), index('face_checks_decided_idx').on(t.decidedAt)],
);

export const faceCheckFrames = pgTable(
  'face_check_frames',
  {
    faceCheckId: uuid('face_check_id')
      .notNull()
      .references(() => faceChecks.id),
    position: integer('position').notNull(),
    action: text('action').notNull(),
    capturedAt: timestamp('captured_at', { withTimezone: true }).notNull(),
    sha256: text('sha256').notNull(),
    mimeType: text('mime_type').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.faceCheckId, t.position] })],
);

// Consent to reuse the photo of a passed check for a purpose (today: the photo on traffic documents).
// The photo is copied here, so it outlives the frame purge; revoking clears it.
export const photoConsents = pgTable(
  'photo_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    purpose: text('purpose').notNull(),
    faceCheckId: uuid('face_check_id')
      .notNull()
      .references(() => faceChecks.id),
    mimeType: text('mime_type'),
    photo: bytea('photo'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('photo_consents_account_idx').on(t.citizenAccountId, t.purpose)],
);

// Sign in on a computer by confirming in the wallet: the computer polls its request.
export const qrSignInRequests = pgTable('qr_sign_in_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  // The browser that asked holds this secret (hashed here): only it may collect the sign-in.
  pollSecretHash: text('poll_secret_hash').notNull(),
  // Bound to the screen that shows it (lib/auth/qr-sign-in.ts): the QR's one-time scan token (hashed),
  // the number the computer shows, and what the wallet tells the person about the requesting browser.
  scanTokenHash: text('scan_token_hash'),
  matchNumber: integer('match_number'),
  requesterBrowser: text('requester_browser'),
  requesterAddress: text('requester_address'),
  scannedByAccountId: uuid('scanned_by_account_id').references(() => citizenAccounts.id),
  scannedAt: timestamp('scanned_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  approvedByAccountId: uuid('approved_by_account_id').references(() => citizenAccounts.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

// ───────────── services and applications ─────────────

export const services = pgTable('services', {
  id: text('id').primaryKey(),
  category: serviceCategoryEnum('category').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  requiredAssuranceLevel: integer('required_assurance_level').notNull(),
  deadlineWorkingDays: integer('deadline_working_days').notNull(),
  approvalChain: approvalChainEnum('approval_chain').notNull(),
  certificateKind: text('certificate_kind').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  // The published version the guide and the wizard offer (service_versions); the columns above mirror it.
  currentVersion: integer('current_version').notNull().default(1),
});

// Every published version of a service's definition (form fields, documents, level, chain, time limit,
// delivery, certificate), never changed once written: an application keeps the version it was filed
// under. `origin` says who wrote it: the code catalogue (lib/services/catalogue/, synced at start) or
// an administrator in the designer — a service the designer has published is no longer overwritten
// from code.
export const serviceVersions = pgTable(
  'service_versions',
  {
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    origin: text('origin', { enum: ['catalogue', 'designer'] }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedByStaffId: uuid('published_by_staff_id').references(() => staffUsers.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.version] })],
);

// Reference numbers come from a sequence: unique without a retry loop, readable on the phone.
export const applicationReferenceSeq = pgSequence('application_reference_seq', { startWith: 1000 });

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referenceNumber: text('reference_number').notNull().unique(),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    // The district whose office decides the case (jurisdiction).
    districtCode: text('district_code').notNull(),
    status: applicationStatusEnum('status').notNull(),
    // Optimistic lock: every transition checks and bumps it.
    version: integer('version').notNull().default(1),
    formData: piiJsonb('form_data').notNull(),
    // The service version (service_versions) whose form the application was filed under; null for
    // applications filed before versions existed, which read version 1.
    serviceVersion: integer('service_version'),
    deliveryAddress: text('delivery_address').notNull(),
    contactPhone: encryptedText('contact_phone').notNull(),
    // A retried submit carries the same key and finds the first application instead of making a second.
    idempotencyKey: text('idempotency_key').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    deadlineDate: date('deadline_date'),
    // While the case waits for the citizen's material the deadline is paused: the working days
    // that were left are kept here and counted again from the resubmission.
    deadlinePausedDaysLeft: integer('deadline_paused_days_left'),
    claimedByStaffId: uuid('claimed_by_staff_id').references(() => staffUsers.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    // A claim is a lock with an expiry: past it, another clerk may take the case over.
    claimExpiresAt: timestamp('claim_expires_at', { withTimezone: true }),
    // The deadline job's marks, so that several instances warn and escalate each case once.
    deadlineWarnedFor: date('deadline_warned_for'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    // Filed at a service counter on the citizen's behalf (identified by their wallet QR): who filed it,
    // their name as it was then (what the citizen reads) and the counter's district. Null when filed online.
    assistedByStaffId: uuid('assisted_by_staff_id').references(() => staffUsers.id),
    assistedByName: text('assisted_by_name'),
    assistedAtDistrictCode: text('assisted_at_district_code'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_idempotency_idx').on(t.citizenAccountId, t.idempotencyKey),
    index('applications_citizen_idx').on(t.citizenAccountId, t.createdAt),
    // The queue (lib/applications/queue.ts) reads one ordered index range per (district, status) or per
    // status and merges them, so every sort is served by a (…, sort key, id) index: keyset pages stay
    // as cheap at page 10,000 as at page 1. Other filters (service, deadline, assignee) ride along.
    // Sorting by status needs no column of its own: within one status the order is by id. These also
    // carry the filter columns, so the queue's capped count is an index-only scan.
    index('applications_queue_idx').on(t.status, t.id, t.serviceId, t.deadlineDate, t.claimedByStaffId),
    index('applications_queue_district_idx').on(t.districtCode, t.status, t.id, t.serviceId, t.deadlineDate, t.claimedByStaffId),
    ...(['submitted_at', 'deadline_date', 'reference_number'] as const).flatMap((key) => {
      const column = { submitted_at: t.submittedAt, deadline_date: t.deadlineDate, reference_number: t.referenceNumber }[key];
      // The trailing filter columns make each branch an index-only scan: a filter that skips many rows
      // (due soon, sorted by submission) reads index pages, not a heap row per skipped case.
      const deadline = key === 'deadline_date' ? [] : [t.deadlineDate];
      return [
        index(`applications_queue_${key}_idx`).on(t.status, column, t.id, t.serviceId, ...deadline, t.claimedByStaffId),
        index(`applications_queue_district_${key}_idx`).on(t.districtCode, t.status, column, t.id, t.serviceId, ...deadline, t.claimedByStaffId),
        index(`applications_queue_holder_${key}_idx`).on(t.claimedByStaffId, t.status, column, t.id, t.serviceId, ...deadline, t.districtCode),
      ];
    }),
    // "My cases" (and the holder's status sort).
    index('applications_queue_holder_idx').on(t.claimedByStaffId, t.status, t.id, t.serviceId, t.deadlineDate, t.districtCode),
    index('applications_resident_idx').on(t.residentId),
  ],
);

export const applicationDocuments = pgTable(
  'application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_documents_application_idx').on(t.applicationId)],
);

// A wizard's work in progress, one per account and service, saved as the citizen types (its files
// are in draft_documents). Kept on the server so that it resumes on another device.
export const applicationDrafts = pgTable(
  'application_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    citizenAccountId: uuid('citizen_account_id')
      .notNull()
      .references(() => citizenAccounts.id),
    serviceId: text('service_id')
      .notNull()
      .references(() => services.id),
    formData: piiJsonb('form_data').notNull(),
    step: text('step').notNull().default('details'),
    // The key the eventual submit carries: a retry from any device finds the same application.
    idempotencyKey: uuid('idempotency_key').notNull().defaultRandom(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('application_drafts_account_service_idx').on(t.citizenAccountId, t.serviceId)],
);

// A file kept with a draft: uploaded (and inspected) as soon as the citizen picks it, so it resumes
// on another device with the rest of the draft. Submitting moves these rows into application_documents
// in the submit's transaction; deleting the draft (discard, submit, the expiry purge) deletes them.
export const draftDocuments = pgTable(
  'draft_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => applicationDrafts.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    // The browser's id for this upload: a retried request finds the file it already stored.
    clientUploadId: uuid('client_upload_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    pageCount: integer('page_count').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Leads with draft_id, so it also serves "this draft's files".
  (t) => [uniqueIndex('draft_documents_client_upload_idx').on(t.draftId, t.clientUploadId)],
);

// Status history: what the citizen's timeline shows.
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromStatus: applicationStatusEnum('from_status'),
    toStatus: applicationStatusEnum('to_status').notNull(),
    transition: text('transition').notNull(),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: text('actor_id'),
    // Shown to the citizen: office and staff number, never a clerk's name.
    actorLabel: text('actor_label'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.id)],
);

// Internal notes on a case: staff only, never shown to the citizen. Append-only.
export const applicationNotes = pgTable(
  'application_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('application_notes_application_idx').on(t.applicationId, t.id)],
);

// Everything anyone did, for accountability. Append-only.
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action: text('action').notNull(),
    actorType: actorTypeEnum('actor_type').notNull(),
    actorId: text('actor_id'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    details: jsonb('details').notNull().default({}),
    createdAt: createdAt(),
    // Hash chain (lib/audit/chain.ts): hash = SM3(canonical row + prev_hash). Null only on rows
    // written before the chain existed (id <= audit_chain_head.chain_starts_after_id).
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.id)],
);

// The chain's single head row: writers lock it (FOR UPDATE) so concurrent appends make one chain.
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
  lastHash: text('last_hash').notNull(),
  chainStartsAfterId: bigint('chain_starts_after_id', { mode: 'number' }).notNull().default(0),
});

// ───────────── certificates and delivery ─────────────

// One counter per (kind, year): updated inside the issuing transaction, so serials stay
// consecutive even when a transaction rolls back.
export const certificateSerials = pgTable(
  'certificate_serials',
  {
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serialNumber: text('serial_number').notNull().unique(),
    kind: text('kind').notNull(),
    // Not unique: a reissue is a new certificate (new serial) for the same application.
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id),
    // Unguessable token in the QR's verification URL.
    verifyToken: text('verify_token').notNull().unique(),
    status: certificateStatusEnum('status').notNull().default('valid'),
    // The file, its sha256 and the authority's SM2 signature over that hash never change (a trigger
    // refuses it); only status, revocation and supersession move.
    pdf: bytea('pdf').notNull(),
    sha256: text('sha256').notNull(),
    signature: text('signature'),
    signingKeyId: text('signing_key_id'),
    issuingAuthority: text('issuing_authority'),
    // 1 for the first certificate of an application, 2 for its first reissue, …
    copyNumber: integer('copy_number').notNull().default(1),
    supersedesCertificateId: uuid('supersedes_certificate_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReasonCode: text('revoke_reason_code'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('certificates_application_idx').on(t.applicationId, t.copyNumber)],
);

// A batch of certificates printed together as one PDF (certificates, address labels, packing list).
export const printBatches = pgTable('print_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  batchNumber: text('batch_number').notNull().unique(),
  createdByStaffId: uuid('created_by_staff_id')
    .notNull()
    .references(() => staffUsers.id),
  dispatchCount: integer('dispatch_count').notNull(),
  createdAt: createdAt(),
});

export const mailDispatches = pgTable(
  'mail_dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Not unique: returned mail sent again is a new dispatch of the same certificate.
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    status: dispatchStatusEnum('status').notNull().default('queued'),
    version: integer('version').notNull().default(1),
    recipientName: text('recipient_name').notNull(),
    address: text('address').notNull(),
    phone: encryptedText('phone').notNull(),
    courier: text('courier'),
    trackingNumber: text('tracking_number'),
    returnReason: text('return_reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    printBatchId: uuid('print_batch_id').references(() => printBatches.id),
    previousDispatchId: uuid('previous_dispatch_id'),
    handedAt: timestamp('handed_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    signedBy: text('signed_by'),
    // Event time of the latest courier event applied: older events are kept but never move the parcel back.
    lastTrackingAt: timestamp('last_tracking_at', { withTimezone: true }),
    // 'counter': never mailed; created waiting at the counter (held_for_pickup) for an identity-checked hand-over.
    method: dispatchMethodEnum('method').notNull().default('mail'),
    // The pickup-reminder job's mark, so the reminder goes out once however many instances run it.
    pickupRemindedAt: timestamp('pickup_reminded_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_dispatches_status_idx').on(t.status, t.updatedAt),
    index('mail_dispatches_certificate_idx').on(t.certificateId),
    index('mail_dispatches_tracking_idx').on(t.courier, t.trackingNumber),
  ],
);

export const dispatchEvents = pgTable(
  'dispatch_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => mailDispatches.id),
    fromStatus: dispatchStatusEnum('from_status'),
    toStatus: dispatchStatusEnum('to_status').notNull(),
    actorId: text('actor_id'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('dispatch_events_dispatch_idx').on(t.dispatchId, t.id)],
);

// Every courier tracking event received (webhook, manifest, staff), applied or not; the event id
// makes a redelivered event a no-op.
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    courier: text('courier').notNull(),
    eventId: text('event_id').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    dispatchId: uuid('dispatch_id').references(() => mailDispatches.id),
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    source: trackingEventSourceEnum('source').notNull(),
    // What the event did: 'applied', or why it did not ('stale', 'not_applicable', 'unknown_tracking').
    outcome: text('outcome').notNull(),
    details: jsonb('details').notNull().default({}),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('tracking_events_event_idx').on(t.courier, t.eventId), index('tracking_events_dispatch_idx').on(t.dispatchId, t.occurredAt)],
);

// ───────────── side effects ─────────────

// Written in the same transaction as the change it reports; delivered after commit, with retries.
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: outboxKindEnum('kind').notNull(),
    payload: piiJsonb('payload').notNull(),
    status: outboxStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.status, t.nextAttemptAt)],
);

// One row per scheduled job and time slot: the instance that inserts it runs the slot, every other
// instance finds the row and skips, so a job runs once per slot however many instances there are.
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    slot: timestamp('slot', { withTimezone: true }).notNull(),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome'),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

// ───────────── relations ─────────────

export const householdsRelations = relations(households, ({ many }) => ({ members: many(residents) }));
export const residentsRelations = relations(residents, ({ one }) => ({
  household: one(households, { fields: [residents.householdId], references: [households.id] }),
}));
export const applicationsRelations = relations(applications, ({ one, many }) => ({
  service: one(services, { fields: [applications.serviceId], references: [services.id] }),
  resident: one(residents, { fields: [applications.residentId], references: [residents.id] }),
  documents: many(applicationDocuments),
  events: many(applicationEvents),
}));
export const applicationDocumentsRelations = relations(applicationDocuments, ({ one }) => ({
  application: one(applications, { fields: [applicationDocuments.applicationId], references: [applications.id] }),
}));
export const applicationEventsRelations = relations(applicationEvents, ({ one }) => ({
  application: one(applications, { fields: [applicationEvents.applicationId], references: [applications.id] }),
}));

// ───────────── types ─────────────

export type Resident = typeof residents.$inferSelect;
export type Credential = typeof credentials.$inferSelect;
export type CredentialKind = (typeof credentialKindEnum.enumValues)[number];
export type Vehicle = typeof vehicles.$inferSelect;
export type Household = typeof households.$inferSelect;
export type CitizenAccount = typeof citizenAccounts.$inferSelect;
export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffRole = (typeof staffRoleEnum.enumValues)[number];
export type Service = typeof services.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type ApplicationStatus = (typeof applicationStatusEnum.enumValues)[number];
export type ApplicationDocument = typeof applicationDocuments.$inferSelect;
export type DraftDocument = typeof draftDocuments.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type Certificate = typeof certificates.$inferSelect;
export type MailDispatch = typeof mailDispatches.$inferSelect;
export type PrintBatch = typeof printBatches.$inferSelect;
export type TrackingEvent = typeof trackingEvents.$inferSelect;
export type DispatchStatus = (typeof dispatchStatusEnum.enumValues)[number];
export type DispatchMethod = (typeof dispatchMethodEnum.enumValues)[number];
export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type Eid = typeof eids.$inferSelect;
export type CitizenSession = typeof citizenSessions.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type VerifierTerminal = typeof verifierTerminals.$inferSelect;
export type TerminalKind = (typeof terminalKindEnum.enumValues)[number];
export type FaceCheck = typeof faceChecks.$inferSelect;
