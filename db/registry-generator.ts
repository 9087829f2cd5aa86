// The synthetic population registry: deterministic (fixed PRNG seed), valid GB 11643 ID numbers,
// Wuhan districts and streets. Pure: used by the seed, by tests and by the e2e journeys.
import type { addressHistory, credentials, drivingLicences, households, residents, trafficViolations, vehicles } from './schema';
import { makeIdNumber, WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';

export const DEMO_CITIZENS = [
  { name: '李静', districtCode: '420106', birthDate: '2001-06-15', sex: 'female' as const, phone: '13800000001', note: 'new graduate, no applications yet', householdRelation: 'child' as const },
  { name: '王芳', districtCode: '420102', birthDate: '1995-03-08', sex: 'female' as const, phone: '13800000002', note: 'has applications in several states', householdRelation: 'head' as const },
];

// The demo citizens' families, so the questionnaire has a household to ask about.
const DEMO_FAMILIES: { of: number; name: string; sex: 'male' | 'female'; birthDate: string; householdRelation: 'head' | 'spouse' }[] = [
  { of: 0, name: '李建国', sex: 'male', birthDate: '1972-04-11', householdRelation: 'head' },
  { of: 0, name: '陈秀兰', sex: 'female', birthDate: '1974-09-23', householdRelation: 'spouse' },
  { of: 1, name: '赵俊杰', sex: 'male', birthDate: '1993-12-02', householdRelation: 'spouse' },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲飞斌宇浩凯欣怡晨博文涵子轩梓萱雨泽思远佳琪嘉俊'.split('');

export const STREETS: Record<string, string[]> = {
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

type ResidentSeed = typeof residents.$inferInsert & { id: string };

/** A version-4-shaped UUID from the generator, so seeded rows look like real ones and stay reproducible. */
function uuidFrom(rng: ReturnType<typeof createRng>): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function generateRegistry(residentCount: number, seed = 20261128) {
  const rng = createRng(seed);
  // Identifiers come from their own stream: adding one never shifts the registry's contents.
  const idRng = createRng(seed ^ 0x1d1d1d);
  const nextUuid = () => uuidFrom(idRng);
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
      id: nextUuid(),
      idNumber: uniqueId(demo.districtCode, demo.birthDate, demo.sex),
      name: demo.name,
      sex: demo.sex,
      birthDate: demo.birthDate,
      phone: demo.phone,
      address: household.address,
      districtCode: demo.districtCode,
      householdId: household.id,
      householdRelation: demo.householdRelation,
      status: 'active',
    });
  }
  // After every demo citizen, so their own ID numbers never depend on their families.
  for (const member of DEMO_FAMILIES) {
    const demo = residentRows[member.of]!;
    residentRows.push({
      id: nextUuid(),
      idNumber: uniqueId(demo.districtCode, member.birthDate, member.sex),
      name: member.name,
      sex: member.sex,
      birthDate: member.birthDate,
      phone: uniquePhone(),
      address: demo.address,
      districtCode: demo.districtCode,
      householdId: demo.householdId,
      householdRelation: member.householdRelation,
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
        id: nextUuid(),
        householdRelation: m === 0 ? 'head' : m === 1 ? 'spouse' : 'child',
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
  return { householdRows, residentRows, ...generateRecords(residentRows, householdRows, seed) };
}

const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
export const CAR_MODELS = ['大众朗逸', '丰田卡罗拉', '日产轩逸', '本田思域', '别克英朗', '东风风神AX7', '比亚迪秦PLUS', '吉利帝豪', '长安CS75', '哈弗H6', '特斯拉Model 3', '五菱宏光MINIEV'];
const COLORS = ['白', '黑', '银', '灰', '红', '蓝'];
const VIOLATION_KINDS = [
  { kind: '闯红灯', fineYuan: 200, points: 6 },
  { kind: '超速 20% 以下', fineYuan: 200, points: 3 },
  { kind: '违反禁止停车标志', fineYuan: 150, points: 0 },
  { kind: '不按导向车道行驶', fineYuan: 100, points: 2 },
  { kind: '驾驶人未系安全带', fineYuan: 50, points: 1 },
];

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Everything the registry holds besides identity: credentials, former addresses, vehicles, licences, violations. */
function generateRecords(residentRows: ResidentSeed[], householdRows: (typeof households.$inferInsert & { id: string })[], seed: number) {
  // A separate stream again: the base registry (and its demo ID numbers) stays as it was.
  const rng = createRng(seed ^ 0x7e57ed);
  const credentialRows: Row<typeof credentials>[] = [];
  const addressRows: Row<typeof addressHistory>[] = [];
  const vehicleRows: Row<typeof vehicles>[] = [];
  const licenceRows: Row<typeof drivingLicences>[] = [];
  const violationRows: Row<typeof trafficViolations>[] = [];
  const usedPlates = new Set<string>();
  const usedNumbers = new Set<string>();
  const householdNumber = new Map(householdRows.map((h) => [h.id, h.householdNumber]));
  const today = '2026-11-28';
  const year = (date: string) => Number(date.slice(0, 4));
  const addYears = (date: string, years: number) => `${year(date) + years}${date.slice(4)}`.replace('-02-29', '-02-28');
  const dateBetween = (fromYear: number, toYear: number) =>
    `${rng.int(fromYear, Math.max(fromYear, toYear))}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const expiry = (expiresOn: string | null) => (expiresOn !== null && expiresOn < today ? 'expired' : 'valid');
  const uniqueNumber = (make: () => string) => {
    for (;;) {
      const n = make();
      if (!usedNumbers.has(n)) {
        usedNumbers.add(n);
        return n;
      }
    }
  };
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  const plate = (newEnergy: boolean) => {
    for (;;) {
      const body = newEnergy ? `${rng.pick(['D', 'F'])}${digits(5)}` : Array.from({ length: 5 }, () => rng.pick(PLATE_CHARS.split(''))).join('');
      const p = `鄂A${body}`;
      if (!usedPlates.has(p)) {
        usedPlates.add(p);
        return p;
      }
    }
  };

  residentRows.forEach((resident, index) => {
    const isDemo = index < DEMO_CITIZENS.length;
    const age = 2026 - year(resident.birthDate);
    const authority = `武汉市公安局${districtName(resident.districtCode)}分局`;
    credentialRows.push({
      residentId: resident.id,
      kind: 'household_register',
      number: `${householdNumber.get(resident.householdId) ?? resident.idNumber}-${index}`,
      issuingAuthority: authority,
      issuedOn: dateBetween(Math.max(year(resident.birthDate), 2000), 2026),
      expiresOn: null,
    });
    if (age >= 16) {
      const issuedOn = dateBetween(Math.max(2016, year(resident.birthDate) + 16), 2026);
      const validity = age < 26 ? 10 : age < 46 ? 20 : null;
      const expiresOn = validity === null ? null : addYears(issuedOn, validity);
      credentialRows.push({ residentId: resident.id, kind: 'resident_id_card', number: resident.idNumber, issuingAuthority: authority, issuedOn, expiresOn, status: expiry(expiresOn) });
    }
    if (age < 18) return;
    const roll = () => rng.next();
    const addTravelDocument = (kind: 'passport' | 'hk_macau_permit' | 'taiwan_permit' | 'residence_permit', prefix: string, years: number, issuer: string) => {
      const issuedOn = dateBetween(2014, 2026);
      const expiresOn = addYears(issuedOn, years);
      credentialRows.push({ residentId: resident.id, kind, number: uniqueNumber(() => `${prefix}${digits(8)}`), issuingAuthority: issuer, issuedOn, expiresOn, status: expiry(expiresOn) });
    };
    if (roll() < 0.35 || (isDemo && index === 1)) addTravelDocument('passport', 'E', 10, '国家移民管理局');
    if (roll() < 0.25 || isDemo) addTravelDocument('hk_macau_permit', 'C', 10, '武汉市公安局出入境管理局');
    if (roll() < 0.08 || (isDemo && index === 1)) addTravelDocument('taiwan_permit', 'L', 5, '武汉市公安局出入境管理局');
    if (roll() < 0.03) addTravelDocument('residence_permit', 'J', 5, authority);

    // Former addresses: a move or two within Wuhan, for the questionnaire's "where did you live".
    const moves = isDemo ? 2 : roll() < 0.5 ? rng.int(1, 2) : 0;
    let movedOut = isDemo ? '2025-07-01' : dateBetween(2015, 2025);
    for (let i = 0; i < moves; i += 1) {
      const earliest = Math.max(year(resident.birthDate) + 18, year(movedOut) - 8);
      if (earliest >= year(movedOut)) break;
      const district = isDemo
        ? i === 0
          ? resident.districtCode
          : WUHAN_DISTRICTS.find((d) => d.code !== resident.districtCode && d.code !== '420106' && d.code !== '420102')!.code
        : roll() < 0.6
          ? resident.districtCode
          : rng.pick(WUHAN_DISTRICTS).code;
      const candidates = (STREETS[district] ?? []).filter((name) => !resident.address.includes(name));
      if (candidates.length === 0) continue;
      const street = rng.pick(candidates);
      const movedIn = dateBetween(earliest, year(movedOut) - 1);
      addressRows.push({
        residentId: resident.id,
        districtCode: district,
        street,
        address: `武汉市${districtName(district)}${street}${rng.int(1, 399)}号`,
        movedInOn: movedIn,
        movedOutOn: movedOut,
      });
      movedOut = movedIn;
    }

    if (!(roll() < 0.55 || isDemo)) return;
    const firstIssuedOn = dateBetween(Math.max(year(resident.birthDate) + 18, 1995), 2025);
    const licenceClass = isDemo ? 'C1' : rng.pick(['C1', 'C1', 'C1', 'C1', 'C1', 'C1', 'C1', 'C2', 'C2', 'B2', 'A1', 'A2']);
    const validUntil = addYears(firstIssuedOn, year(firstIssuedOn) > 2019 ? 6 : 16);
    licenceRows.push({ residentId: resident.id, licenceClass, firstIssuedOn, validUntil, points: roll() < 0.7 ? 0 : rng.int(1, 9) });
    credentialRows.push({ residentId: resident.id, kind: 'driving_licence', number: resident.idNumber, issuingAuthority: '武汉市公安局交通管理局', issuedOn: firstIssuedOn, expiresOn: validUntil, status: expiry(validUntil) });

    const cars = isDemo ? 1 : roll() < 0.6 ? (roll() < 0.15 ? 2 : 1) : 0;
    for (let c = 0; c < cars; c += 1) {
      const registeredOn = dateBetween(Math.max(year(firstIssuedOn), 2008), 2026);
      const p = plate(roll() < 0.12);
      vehicleRows.push({ ownerResidentId: resident.id, plate: p, model: rng.pick(CAR_MODELS), color: rng.pick(COLORS), registeredOn });
      credentialRows.push({ residentId: resident.id, kind: 'vehicle_licence', number: p, issuingAuthority: '武汉市公安局交通管理局', issuedOn: registeredOn, expiresOn: null });
      const tickets = isDemo ? 1 : roll() < 0.3 ? rng.int(1, 3) : 0;
      for (let t = 0; t < tickets; t += 1) {
        const v = rng.pick(VIOLATION_KINDS);
        const district = rng.pick(WUHAN_DISTRICTS).code;
        const occurred = dateBetween(Math.max(year(registeredOn), 2020), 2026);
        violationRows.push({
          residentId: resident.id,
          plate: p,
          occurredAt: new Date(`${occurred}T${String(rng.int(0, 15)).padStart(2, '0')}:${String(rng.int(10, 59))}:00Z`),
          districtCode: district,
          location: `${districtName(district)}${rng.pick(STREETS[district] ?? ['人民路'])}与${rng.pick(STREETS[district] ?? ['解放路'])}交叉口`,
          ...v,
          status: roll() < 0.8 ? 'handled' : 'unhandled',
        });
      }
    }
  });
  return { credentialRows, addressRows, vehicleRows, licenceRows, violationRows };
}


/** The demo citizens as they appear in the registry (their ID numbers come from the fixed seed). */
export function demoCitizenIdentities() {
  const { residentRows } = generateRegistry(DEMO_CITIZENS.length);
  return DEMO_CITIZENS.map((c, i) => ({ ...c, idNumber: residentRows[i]!.idNumber }));
}
