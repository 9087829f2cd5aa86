// The synthetic population registry: deterministic (fixed PRNG seed), valid GB 11643 ID numbers,
// Wuhan districts and streets. Pure: used by the seed, by tests and by the e2e journeys.
import type { households, residents } from './schema';
import { makeIdNumber, WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';

export const DEMO_CITIZENS = [
  { name: '李明', districtCode: '420106', birthDate: '2001-06-15', sex: 'male' as const, phone: '13800000001', note: 'new graduate, no applications yet' },
  { name: '王芳', districtCode: '420102', birthDate: '1995-03-08', sex: 'female' as const, phone: '13800000002', note: 'has applications in several states' },
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


/** The demo citizens as they appear in the registry (their ID numbers come from the fixed seed). */
export function demoCitizenIdentities() {
  const { residentRows } = generateRegistry(DEMO_CITIZENS.length);
  return DEMO_CITIZENS.map((c, i) => ({ ...c, idNumber: residentRows[i]!.idNumber }));
}
