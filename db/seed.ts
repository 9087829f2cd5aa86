// Deterministic demo data: the same seed gives the same registry, staff and applications.
// Applications are made through the real operations, so their timelines and audit trails are real.
import { count, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Database } from './connect';
import { citizenAccounts, households, mailDispatches, residents, services, staffUsers } from './schema';
import { districtName } from '@/lib/places';
import { hashPassword } from '@/lib/auth/password';
import { staffActorFrom, type CitizenActor, type StaffActor } from '@/lib/auth/actor';
import { makeIdNumber, WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { SERVICE_CATALOG } from '@/lib/services/catalog';
import { submitHouseholdTransfer } from '@/lib/applications/submit-application';
import { transitionApplication } from '@/lib/applications/transition-application';
import { transitionDispatch } from '@/lib/delivery/transition-dispatch';

export const DEMO_PASSWORD = 'Wuhan-Demo-2026';

export const DEMO_CITIZENS = [
  { name: '李明', districtCode: '420106', birthDate: '2001-06-15', sex: 'male' as const, phone: '13800000001', note: 'new graduate, no applications yet' },
  { name: '王芳', districtCode: '420102', birthDate: '1995-03-08', sex: 'female' as const, phone: '13800000002', note: 'has applications in several states' },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲飞斌宇浩凯欣怡晨博文涵子轩梓萱雨泽思远佳琪嘉俊'.split('');

const STREETS: Record<string, string[]> = {
  '420102': ['沿江大道', '解放大道', '胜利街', '黄浦大街'],
  '420103': ['江汉路', '新华路', '建设大道', '唐家墩路'],
  '420104': ['中山大道', '古田路', '京汉大道', '汉正街'],
  '420105': ['汉阳大道', '鹦鹉大道', '龙阳大道', '钟家村路'],
  '420106': ['中南路', '武珞路', '友谊大道', '中北路'],
  '420107': ['和平大道', '建设一路', '冶金大道', '工业路'],
  '420111': ['珞喻路', '雄楚大道', '关山大道', '民族大道'],
  '420112': ['吴家山街', '金银湖路', '东吴大道', '将军路'],
  '420113': ['纱帽街', '汉南大道', '兴城大道'],
  '420114': ['蔡甸大街', '知音湖大道', '树藩大街'],
  '420115': ['文化大道', '纸坊大街', '藏龙大道'],
  '420116': ['前川大道', '黄陂大道', '百秀街'],
  '420117': ['邾城街', '新洲大道', '齐安大道'],
};

/** mulberry32: small, fast, and the same sequence on every machine. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

type ResidentSeed = typeof residents.$inferInsert;

export function generateRegistry(residentCount: number, seed = 20261128) {
  const rng = createRng(seed);
  const householdRows: (typeof households.$inferInsert & { id: string })[] = [];
  const residentRows: ResidentSeed[] = [];
  const usedIds = new Set<string>();
  const usedPhones = new Set<string>(DEMO_CITIZENS.map((c) => c.phone));
  let householdSeq = 0;

  const makeAddress = (districtCode: string) =>
    `武汉市${districtName(districtCode)}${rng.pick(STREETS[districtCode] ?? ['人民路'])}${rng.int(1, 399)}号${rng.int(1, 12)}栋${rng.int(1, 30)}0${rng.int(1, 4)}室`;

  const uniqueId = (districtCode: string, birthDate: string, sex: 'male' | 'female') => {
    for (;;) {
      let sequence = rng.int(0, 999);
      if ((sequence % 2 === 1) !== (sex === 'male')) sequence = (sequence + 1) % 1000;
      const id = makeIdNumber(districtCode, birthDate, sequence);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const uniquePhone = () => {
    for (;;) {
      const phone = `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone);
        return phone;
      }
    }
  };
  const newHousehold = (districtCode: string) => {
    householdSeq += 1;
    const id = `00000000-0000-4000-8000-${String(householdSeq).padStart(12, '0')}`;
    const row = { id, householdNumber: `${districtCode}${String(householdSeq).padStart(8, '0')}`, districtCode, address: makeAddress(districtCode) };
    householdRows.push(row);
    return row;
  };

  for (const demo of DEMO_CITIZENS) {
    const household = newHousehold(demo.districtCode);
    residentRows.push({
      idNumber: uniqueId(demo.districtCode, demo.birthDate, demo.sex),
      name: demo.name,
      sex: demo.sex,
      birthDate: demo.birthDate,
      phone: demo.phone,
      address: household.address,
      districtCode: demo.districtCode,
      householdId: household.id,
      status: 'active',
    });
  }

  while (residentRows.length < residentCount) {
    const districtCode = WUHAN_DISTRICTS[residentRows.length % WUHAN_DISTRICTS.length]!.code;
    const household = newHousehold(districtCode);
    const surname = rng.pick(SURNAMES);
    const members = Math.min(rng.int(1, 4), residentCount - residentRows.length);
    for (let m = 0; m < members; m += 1) {
      const sex = rng.next() < 0.5 ? 'male' : 'female';
      const birthYear = m < 2 ? rng.int(1950, 2003) : rng.int(2005, 2020);
      const birthDate = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      const given = rng.next() < 0.4 ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
      const roll = rng.next();
      residentRows.push({
        idNumber: uniqueId(districtCode, birthDate, sex),
        name: (m === 0 || rng.next() < 0.7 ? surname : rng.pick(SURNAMES)) + given,
        sex,
        birthDate,
        phone: uniquePhone(),
        address: household.address,
        districtCode,
        householdId: household.id,
        status: roll < 0.015 ? 'deceased' : roll < 0.025 ? 'cancelled' : 'active',
      });
    }
  }
  return { householdRows, residentRows };
}

export type StaffSeed = { username: string; displayName: string; staffNumber: string; role: 'clerk' | 'supervisor' | 'admin'; districtCodes: string[]; office: string };

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

export type SeedSummary = { residents: number; staff: number; applications: number; skipped: boolean };

export async function seedDemoData(db: Database, options: { residents?: number; publicBaseUrl: string; now?: Date }): Promise<SeedSummary> {
  const [existing] = await db.select({ n: count() }).from(staffUsers);
  if ((existing?.n ?? 0) > 0) return { residents: 0, staff: 0, applications: 0, skipped: true };
  const now = options.now ?? new Date();

  await db.insert(services).values(SERVICE_CATALOG.map(({ documents: _documents, ...s }) => s)).onConflictDoNothing();

  const { householdRows, residentRows } = generateRegistry(options.residents ?? 260);
  for (let i = 0; i < householdRows.length; i += 500) await db.insert(households).values(householdRows.slice(i, i + 500));
  for (let i = 0; i < residentRows.length; i += 500) await db.insert(residents).values(residentRows.slice(i, i + 500));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staffRows = await db
    .insert(staffUsers)
    .values(staffSeeds().map((s) => ({ ...s, passwordHash })))
    .returning();
  const staff = (username: string): StaffActor => staffActorFrom(staffRows.find((s) => s.username === username)!);

  const applicationCount = await seedDemoApplications(db, { publicBaseUrl: options.publicBaseUrl, now, staff });
  return { residents: residentRows.length, staff: staffRows.length, applications: applicationCount, skipped: false };
}

async function seedDemoApplications(db: Database, ctx: { publicBaseUrl: string; now: Date; staff: (u: string) => StaffActor }) {
  const wang = (await db.select().from(residents).where(eq(residents.phone, DEMO_CITIZENS[1]!.phone)))[0]!;
  const [account] = await db.insert(citizenAccounts).values({ residentId: wang.id, email: 'wangfang@example.test' }).returning();
  const citizen: CitizenActor = { kind: 'citizen', role: 'citizen', accountId: account!.id, residentId: wang.id, name: wang.name, assuranceLevel: 1 };
  const diploma = await makeDemoPdf('Diploma - demo');
  const daysAgo = (d: number) => new Date(ctx.now.getTime() - d * 86_400_000);
  const districts = ['420102', '420106', '420111', '420103'];

  // plan: which state each demo application ends in
  const plan = ['submitted', 'submitted', 'submitted', 'in_review', 'in_review', 'needs_more_material', 'rejected', 'withdrawn', 'approved', 'approved_handed', 'approved_delivered'] as const;
  let made = 0;
  for (const [i, end] of plan.entries()) {
    const toDistrictCode = districts[i % districts.length]!;
    const submittedAt = daysAgo(plan.length - i);
    const submitted = await submitHouseholdTransfer(
      db,
      citizen,
      {
        idempotencyKey: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
        form: {
          toDistrictCode,
          toAddress: `武汉市${districtName(toDistrictCode)}${STREETS[toDistrictCode]![0]}${100 + i}号`,
          reason: 'graduate_employment',
          employer: '武汉光谷示范科技有限公司',
          deliveryAddress: wang.address,
          contactPhone: wang.phone,
          notificationEmail: 'wangfang@example.test',
        },
        files: [{ kind: 'diploma', fileName: '毕业证书.pdf', bytes: diploma }],
      },
      submittedAt,
    );
    if (submitted.status !== 'ok') throw new Error(`seed submit failed: ${JSON.stringify(submitted)}`);
    made += 1;
    if (end === 'submitted') continue;
    const id = submitted.data.applicationId;
    const clerk = ctx.staff(`clerk${toDistrictCode.slice(4)}`);
    let version = 1;
    const step = async (actor: StaffActor | CitizenActor, transition: string, reason = '', at = submittedAt) => {
      const r = await transitionApplication(db, actor, { applicationId: id, transition, expectedVersion: version, reason }, { now: new Date(at.getTime() + 3_600_000), publicBaseUrl: ctx.publicBaseUrl });
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
      await step(clerk, 'request_more_material', '请补充劳动合同扫描件 / Please add the labour contract');
      continue;
    }
    if (end === 'rejected') {
      await step(clerk, 'reject', '迁入地址与房产登记不符 / The new address does not match the property register');
      continue;
    }
    await step(clerk, 'approve');
    if (end === 'approved') continue;
    const [dispatch] = await db.select().from(mailDispatches).where(eq(mailDispatches.applicationId, id));
    const supervisor = ctx.staff('supervisor');
    let dv = dispatch!.version;
    const move = async (transition: string, extra: Record<string, string> = {}) => {
      const r = await transitionDispatch(db, supervisor, { dispatchId: dispatch!.id, transition, expectedVersion: dv, ...extra }, submittedAt);
      if (r.status !== 'ok') throw new Error(`seed dispatch ${transition} failed: ${JSON.stringify(r)}`);
      dv = r.data.version;
    };
    await move('print');
    await move('hand_to_courier', { courier: 'EMS', trackingNumber: `EM${String(100000000 + i)}CN` });
    if (end === 'approved_delivered') await move('deliver');
  }
  return made;
}
