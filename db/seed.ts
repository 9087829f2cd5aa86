// Deterministic demo data: the same seed gives the same registry, staff and applications.
// Applications are made through the real operations, so their timelines and audit trails are real.
import { count, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Database, Executor } from './connect';
import {
  addressHistory,
  citizenAccounts,
  credentials,
  eids,
  drivingLicences,
  households,
  mailDispatches,
  outboxMessages,
  residentPhotos,
  residents,
  staffUsers,
  trafficViolations,
  vehicles,
} from './schema';
import type { PgTable } from 'drizzle-orm/pg-core';
import fs from 'node:fs';
import path from 'node:path';
import { districtName } from '@/lib/places';
import { hashPassword } from '@/lib/auth/password';
import { enrolConfirmedTotp } from '@/lib/auth/staff-totp';
import { checkPasswordPolicy } from '@/lib/auth/password-policy';
import { staffActorFrom, type CitizenActor, type StaffActor } from '@/lib/auth/actor';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { DEMO_CITIZENS, generateRegistry, STREETS } from './registry-generator';
import { syncServiceCatalog } from '@/lib/services/sync-services';
import { submitHouseholdTransfer } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { transitionDispatch } from '@/lib/delivery/transition-dispatch';
import { seedDemoTerminals } from '@/lib/terminals/demo-terminals';
import { piiIndex, withCredentialIndex, withResidentIndexes } from '@/lib/privacy/pii-columns';

export const DEMO_PASSWORD = 'Wuhan-Demo-2026';
/** Every demo staff member's TOTP secret (base32 of "wuhan-demo-totp-2026"): add it to any authenticator app. */
export const DEMO_TOTP_SECRET = 'O52WQYLOFVSGK3LPFV2G65DQFUZDAMRW';

export type StaffSeed = { username: string; displayName: string; staffNumber: string; role: 'clerk' | 'supervisor' | 'admin' | 'police'; districtCodes: string[]; office: string };

export function staffSeeds(): StaffSeed[] {
  const clerks = WUHAN_DISTRICTS.map((d, i) => ({
    username: `clerk${d.code.slice(4)}`,
    displayName: `${districtName(d.code)}审批民警`,
    staffNumber: `0${String(42100 + i + 1)}`,
    role: 'clerk' as const,
    districtCodes: [d.code],
    office: `武汉市公安局${d.name}分局户政窗口`,
  }));
  return [
    ...clerks,
    { username: 'clerk06b', displayName: '武昌区审批民警（二）', staffNumber: '042199', role: 'clerk', districtCodes: ['420106'], office: '武汉市公安局武昌区分局户政窗口' },
    { username: 'supervisor', displayName: '审批处负责人', staffNumber: '042001', role: 'supervisor', districtCodes: [], office: '武汉市公安局审批处' },
    { username: 'admin', displayName: '系统管理员', staffNumber: '042000', role: 'admin', districtCodes: [], office: '武汉市公安局科技信息化处' },
    { username: 'police', displayName: '网安民警', staffNumber: '042300', role: 'police', districtCodes: [], office: '武汉市公安局网络安全保卫支队' },
  ];
}

export async function makeDemoPdf(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 72, y: 760, size: 20, font });
  page.drawText('Synthetic demo document', { x: 72, y: 730, size: 12, font });
  return doc.save();
}

/** How many residents the demo registry has when the app seeds itself (README's demo table names some of them). */
export const DEMO_RESIDENT_COUNT = 260;

/** The demo citizens who already hold an e-ID, by mobile, with its level (README's demo table, e-ID column). */
export const DEMO_EID_LEVELS: Readonly<Record<string, 1 | 2 | 3>> = { [DEMO_CITIZENS[1]!.phone]: 3 };

export type SeedSummary = { residents: number; staff: number; applications: number; skipped: boolean };

export type SeedOptions = {
  residents?: number;
  publicBaseUrl: string;
  now?: Date;
  /** The server's secret: when given, the demo verifier terminals are created with keys derived from it,
   *  and the demo staff are enrolled in TOTP (their secret sealed under it). */
  terminalKeySecret?: string;
  /** Where the demo citizens' registry photos are (DEMO_PHOTOS_DIR); unset → the shared face fixtures beside the checkout. */
  photosDir?: string;
};

export async function seedDemoData(db: Database, options: SeedOptions): Promise<SeedSummary> {
  // Demo terminals are checked on every start (not only the first), so their printed keys always work.
  if (options.terminalKeySecret) await seedDemoTerminals(db, options.terminalKeySecret);
  const [existing] = await db.select({ n: count() }).from(staffUsers);
  if ((existing?.n ?? 0) > 0) return { residents: 0, staff: 0, applications: 0, skipped: true };
  const now = options.now ?? new Date();

  await syncServiceCatalog(db);

  const registry = generateRegistry(options.residents ?? DEMO_RESIDENT_COUNT);
  await db.transaction(async (tx) => {
    await insertInChunks(tx, households, registry.householdRows);
    // ID numbers, phones and credential numbers are encrypted by their column type; the blind indexes are added here.
    await insertInChunks(tx, residents, registry.residentRows.map(withResidentIndexes));
    await insertInChunks(tx, credentials, registry.credentialRows.map(withCredentialIndex));
    await insertInChunks(tx, addressHistory, registry.addressRows);
    await insertInChunks(tx, vehicles, registry.vehicleRows);
    await insertInChunks(tx, drivingLicences, registry.licenceRows);
    await insertInChunks(tx, trafficViolations, registry.violationRows);
    await insertInChunks(tx, residentPhotos, loadDemoPhotos(registry.residentRows, options.photosDir));
  });
  const residentRows = registry.residentRows;

  // The demo password meets the same policy as any other password set here.
  const weak = staffSeeds().filter((s) => checkPasswordPolicy(DEMO_PASSWORD, s.username).length > 0);
  if (weak.length > 0) throw new Error(`DEMO_PASSWORD fails the password policy for ${weak.map((s) => s.username).join(', ')}`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staffRows = await db
    .insert(staffUsers)
    .values(staffSeeds().map((s) => ({ ...s, email: `${s.username}@gaj.wuhan.example`, passwordHash })))
    .returning();
  const staff = (username: string): StaffActor => staffActorFrom(staffRows.find((s) => s.username === username)!);
  // With the server's secret the demo staff are enrolled in two-factor sign-in with the printed secret.
  if (options.terminalKeySecret) {
    for (const row of staffRows) await enrolConfirmedTotp(db, row.id, DEMO_TOTP_SECRET, options.terminalKeySecret, now);
  }

  const applicationCount = await seedDemoApplications(db, { publicBaseUrl: options.publicBaseUrl, now, staff });
  // The demo history is made through the real operations, which queue notifications: nobody should receive those.
  await db.delete(outboxMessages);
  return { residents: residentRows.length, staff: staffRows.length, applications: applicationCount, skipped: false };
}

async function seedDemoApplications(db: Database, ctx: { publicBaseUrl: string; now: Date; staff: (u: string) => StaffActor }) {
  const wang = (await db.select().from(residents).where(eq(residents.phoneIndex, piiIndex('phone', DEMO_CITIZENS[1]!.phone))))[0]!;
  const [account] = await db.insert(citizenAccounts).values({ residentId: wang.id, email: 'wangfang@example.test' }).returning();
  // 王芳 enrolled earlier through all three gates: her e-ID is at L3 (her history includes household transfers).
  const eidLevel = DEMO_EID_LEVELS[DEMO_CITIZENS[1]!.phone]!;
  const citizen: CitizenActor = { kind: 'citizen', role: 'citizen', accountId: account!.id, residentId: wang.id, name: wang.name, assuranceLevel: eidLevel, sessionId: null, eid: { status: 'active', assuranceLevel: eidLevel } };
  await db.insert(eids).values({ citizenAccountId: account!.id, assuranceLevel: eidLevel, issuedAt: new Date(ctx.now.getTime() - 30 * 86_400_000) });
  const diploma = await makeDemoPdf('Diploma - demo');
  const daysAgo = (d: number) => new Date(ctx.now.getTime() - d * 86_400_000);
  const districts = ['420102', '420106', '420111', '420103'];

  // plan: which state each demo application ends in
  // Then three approved cases whose certificates wait to be printed (a batch for the mail room), and
  // last a spouse-joining case in 武昌区 waiting for clerk06: the clerk-and-countersign journey.
  const plan = ['submitted', 'submitted', 'submitted', 'in_review', 'in_review', 'needs_more_material', 'rejected', 'withdrawn', 'awaiting_countersign', 'approved', 'approved_handed', 'approved_delivered', 'approved', 'approved', 'approved', 'spouse_submitted'] as const;
  let made = 0;
  for (const [i, end] of plan.entries()) {
    const isSpouse = end === 'awaiting_countersign' || end === 'spouse_submitted';
    const toDistrictCode = end === 'spouse_submitted' ? '420106' : districts[i % districts.length]!;
    // The first twelve a day apart up to 13 days ago; the print batch and the spouse case yesterday.
    const submittedAt = daysAgo(i < 12 ? 13 - i : 1);
    const submitted = await submitHouseholdTransfer(
      db,
      citizen,
      {
        serviceId: isSpouse ? 'household-transfer-spouse' : 'household-transfer',
        idempotencyKey: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
        form: {
          toDistrictCode,
          toAddress: `武汉市${districtName(toDistrictCode)}${STREETS[toDistrictCode]![0]}${100 + i}号`,
          reason: isSpouse ? 'spouse' : 'graduate_employment',
          employer: '武汉光谷示范科技有限公司',
          deliveryAddress: wang.address,
          contactPhone: wang.phone,
          notificationEmail: 'wangfang@example.test',
        },
        files: isSpouse ? [{ kind: 'marriage_certificate', fileName: '结婚证.pdf', bytes: diploma }] : [{ kind: 'diploma', fileName: '毕业证书.pdf', bytes: diploma }],
      },
      submittedAt,
    );
    if (submitted.status !== 'ok') throw new Error(`seed submit failed: ${JSON.stringify(submitted)}`);
    made += 1;
    if (end === 'submitted' || end === 'spouse_submitted') continue;
    const id = submitted.data.applicationId;
    const clerk = ctx.staff(`clerk${toDistrictCode.slice(4)}`);
    let version = 1;
    // Each step of the demo history happens a few hours after the one before.
    let clock = submittedAt.getTime();
    const later = () => new Date((clock += 3 * 3_600_000));
    const step = async (actor: StaffActor | CitizenActor, transition: string, reason = '') => {
      const r = await transitionApplication(db, actor, { applicationId: id, transition, expectedVersion: version, reason }, { now: later(), publicBaseUrl: ctx.publicBaseUrl });
      if (r.status !== 'ok') throw new Error(`seed ${transition} failed: ${JSON.stringify(r)}`);
      version = r.data.version;
    };
    if (end === 'withdrawn') {
      await step(citizen, 'withdraw');
      continue;
    }
    await step(clerk, 'claim');
    if (end === 'in_review') continue;
    if (end === 'needs_more_material') {
      await step(clerk, 'request_more_material', '请补充劳动合同扫描件');
      continue;
    }
    if (end === 'rejected') {
      await step(clerk, 'reject', '迁入地址与房产登记不符');
      continue;
    }
    await step(clerk, 'approve');
    if (end === 'awaiting_countersign') continue;
    // Both demo services need the supervisor's countersign (four eyes) before the certificate is issued.
    const supervisor = ctx.staff('supervisor');
    await step(supervisor, 'countersign');
    if (end === 'approved') continue;
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, id));
    let dv = dispatch!.version;
    const move = async (transition: string, extra: Record<string, string> = {}) => {
      const r = await transitionDispatch(db, supervisor, { dispatchId: dispatch!.id, transition, expectedVersion: dv, ...extra }, later());
      if (r.status !== 'ok') throw new Error(`seed dispatch ${transition} failed: ${JSON.stringify(r)}`);
      dv = r.data.version;
    };
    await move('print');
    await move('hand_to_courier', { courier: 'EMS', trackingNumber: `EM${String(100000000 + i)}CN` });
    if (end === 'approved_delivered') await move('deliver');
  }
  return made;
}

/** Multi-row inserts sized to stay far below PostgreSQL's 65,535 bind parameters per statement. */
async function insertInChunks<T extends PgTable>(db: Executor, table: T, rows: T['$inferInsert'][], chunkSize = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) await db.insert(table).values(rows.slice(i, i + chunkSize));
}

// Registry photos for the demo citizens, taken from the shared test fixtures when they are present
// (development and CI; the fixtures are for tests and the demo seed only, and are never committed).
// Persona A is 李静's card photo (female, like the photo) — the real-person check compares live frames with it.
export const DEMO_PHOTO_FILES: Record<string, string> = { '13800000001': 'stock-emotions-a-1.jpg', '13800000002': 'ai-face.jpg' };
// 吴欣, a resident of the generated registry (female, born 1996, a car, a licence, a former address:
// enough records for the questionnaire), also has persona A's frontal photo: the citizen who reaches L3
// in the browser with the fixtures' frames, for every action of the default pool, without touching
// the demo citizens' own data (README's demo table; e2e/real-person.spec.ts signs her in).
export const PERSONA_A_RESIDENT = { name: '吴欣', phone: '17881452122' } as const;
DEMO_PHOTO_FILES[PERSONA_A_RESIDENT.phone] = 'stock-emotions-a-1.jpg';

function loadDemoPhotos(rows: { id: string; phone: string }[], photosDir: string | undefined): (typeof residentPhotos.$inferInsert)[] {
  const dir = photosDir ?? path.resolve(/*turbopackIgnore: true*/ process.cwd(), '..', 'shared', 'testdata', 'faces');
  const missing = Object.values(DEMO_PHOTO_FILES).filter((file) => !fs.existsSync(path.join(dir, file)));
  if (missing.length > 0) {
    // Said once at start, so a newcomer knows why the cards show initials and the face check cannot match.
    console.warn(
      `[seed] demo registry photos not found in ${dir} (${missing.join(', ')}): the demo citizens get no photo and the live face check cannot match them. Set DEMO_PHOTOS_DIR to the folder of the face fixtures (shared/testdata/faces) and start with a fresh .data/ to use them.`,
    );
  }
  return rows.flatMap((row) => {
    const file = DEMO_PHOTO_FILES[row.phone];
    if (!file || !fs.existsSync(path.join(dir, file))) return [];
    return [{ residentId: row.id, mimeType: 'image/jpeg', content: new Uint8Array(fs.readFileSync(path.join(dir, file))) }];
  });
}
