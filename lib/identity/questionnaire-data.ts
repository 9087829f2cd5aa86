// Reference data for the gate-3 questionnaire (lib/identity/questionnaire.ts): the pools that answers
// AND decoys are drawn from. A question is only asked when its true answer is in the same pool as its
// decoys, so no option stands out as "the one that is not from the list".
import { STREETS } from '@/db/registry-generator';

export type DistrictCode = string;

/** English names of Wuhan's districts, for the bilingual options. */
export const DISTRICT_NAMES_EN: Readonly<Record<DistrictCode, string>> = {
  '420102': "Jiang'an District",
  '420103': 'Jianghan District',
  '420104': 'Qiaokou District',
  '420105': 'Hanyang District',
  '420106': 'Wuchang District',
  '420107': 'Qingshan District',
  '420111': 'Hongshan District',
  '420112': 'Dongxihu District',
  '420113': 'Hannan District',
  '420114': 'Caidian District',
  '420115': 'Jiangxia District',
  '420116': 'Huangpi District',
  '420117': 'Xinzhou District',
};

// STREETS (the registry generator's list) has only 3–4 streets per district: too few for one answer and
// three decoys once the citizen's own streets are removed. These are further streets of each district;
// no name appears under two districts, so "same district" stays unambiguous.
const EXTRA_STREETS: Readonly<Record<DistrictCode, readonly string[]>> = {
  '420102': ['台北路', '香港路', '三阳路', '二七路', '黄孝河路', '后湖大道', '车站路', '岳飞街', '兰陵路', '惠济路'],
  '420103': ['青年路', '万松园路', '常青路', '北湖路', '花楼街', '前进一路', '单洞路', '菱角湖路'],
  '420104': ['宝丰路', '崇仁路', '汉西路', '长丰大道', '利济北路', '武胜路', '仁寿路', '沿河大道'],
  '420105': ['显正街', '琴台大道', '翠微路', '拦江路', '四新大道', '墨水湖北路', '芳草路', '归元寺路'],
  '420106': ['中华路', '解放路', '彭刘杨路', '首义路', '徐东大街', '民主路', '粮道街', '紫阳路', '八一路'],
  '420107': ['建设二路', '建设五路', '建设十路', '红钢城大街', '吉林街', '园林路'],
  '420111': ['狮子山街', '珞狮路', '书城路', '南湖大道', '卓刀泉路', '虎泉街', '白沙洲大道'],
  '420112': ['金山大道', '马池路', '田园大道', '临空港大道', '七雄路', '径河路'],
  '420113': ['薇湖路', '邓南街', '东荆街', '湘口街'],
  '420114': ['奓山街', '索河街', '玉贤街', '侏儒山街', '莲花湖大道'],
  '420115': ['江夏大道', '熊廷弼路', '谭鑫培路', '兴新街', '五里界街', '郑店街'],
  '420116': ['滠口街', '横店街', '天河街', '盘龙大道', '汉口北大道'],
  '420117': ['阳逻街', '仓埠街', '汪集街', '平江大道'],
};

/** Every known street per district: the registry generator's STREETS plus EXTRA_STREETS. */
export const DISTRICT_STREETS: Readonly<Record<DistrictCode, readonly string[]>> = Object.fromEntries(
  Object.keys(DISTRICT_NAMES_EN).map((code) => [code, [...new Set([...(STREETS[code] ?? []), ...(EXTRA_STREETS[code] ?? [])])]]),
);

export type VehicleModel = {
  zh: string;
  en: string;
  // New-energy vehicles carry green 6-character plates: a plate question in the same questionnaire
  // tells a guesser which kind of car it is, so model decoys are always of the answer's energy type.
  energy: 'fuel' | 'nev';
};

/**
 * Common models on Chinese roads; includes every model of the registry generator's CAR_MODELS. Names are
 * reference data like the streets (matched against the registry's model text in either language), not
 * interface words, so they stay here rather than in the dictionary.
 */
export const VEHICLE_MODELS: readonly VehicleModel[] = [
  { zh: '大众朗逸', en: 'Volkswagen Lavida', energy: 'fuel' },
  { zh: '大众速腾', en: 'Volkswagen Sagitar', energy: 'fuel' },
  { zh: '大众帕萨特', en: 'Volkswagen Passat', energy: 'fuel' },
  { zh: '大众宝来', en: 'Volkswagen Bora', energy: 'fuel' },
  { zh: '丰田卡罗拉', en: 'Toyota Corolla', energy: 'fuel' },
  { zh: '丰田凯美瑞', en: 'Toyota Camry', energy: 'fuel' },
  { zh: '丰田RAV4荣放', en: 'Toyota RAV4', energy: 'fuel' },
  { zh: '日产轩逸', en: 'Nissan Sylphy', energy: 'fuel' },
  { zh: '本田思域', en: 'Honda Civic', energy: 'fuel' },
  { zh: '本田雅阁', en: 'Honda Accord', energy: 'fuel' },
  { zh: '本田CR-V', en: 'Honda CR-V', energy: 'fuel' },
  { zh: '别克英朗', en: 'Buick Excelle GT', energy: 'fuel' },
  { zh: '别克GL8', en: 'Buick GL8', energy: 'fuel' },
  { zh: '吉利帝豪', en: 'Geely Emgrand', energy: 'fuel' },
  { zh: '长安CS75', en: 'Changan CS75', energy: 'fuel' },
  { zh: '哈弗H6', en: 'Haval H6', energy: 'fuel' },
  { zh: '东风风神AX7', en: 'Dongfeng Aeolus AX7', energy: 'fuel' },
  { zh: '东风标致408', en: 'Dongfeng Peugeot 408', energy: 'fuel' },
  { zh: '雪佛兰科鲁泽', en: 'Chevrolet Cruze', energy: 'fuel' },
  { zh: '奥迪A4L', en: 'Audi A4L', energy: 'fuel' },
  { zh: '宝马3系', en: 'BMW 3 Series', energy: 'fuel' },
  { zh: '奔驰C级', en: 'Mercedes-Benz C-Class', energy: 'fuel' },
  { zh: '奇瑞瑞虎8', en: 'Chery Tiggo 8', energy: 'fuel' },
  { zh: '比亚迪秦PLUS', en: 'BYD Qin PLUS', energy: 'nev' },
  { zh: '比亚迪宋PLUS', en: 'BYD Song PLUS', energy: 'nev' },
  { zh: '比亚迪汉', en: 'BYD Han', energy: 'nev' },
  { zh: '比亚迪海豚', en: 'BYD Dolphin', energy: 'nev' },
  { zh: '比亚迪元PLUS', en: 'BYD Yuan PLUS', energy: 'nev' },
  { zh: '特斯拉Model 3', en: 'Tesla Model 3', energy: 'nev' },
  { zh: '特斯拉Model Y', en: 'Tesla Model Y', energy: 'nev' },
  { zh: '五菱宏光MINI EV', en: 'Wuling Hongguang Mini EV', energy: 'nev' },
  { zh: '理想L7', en: 'Li Auto L7', energy: 'nev' },
  { zh: '蔚来ES6', en: 'NIO ES6', energy: 'nev' },
  { zh: '小鹏P7', en: 'XPeng P7', energy: 'nev' },
  { zh: '问界M7', en: 'AITO M7', energy: 'nev' },
  { zh: '小米SU7', en: 'Xiaomi SU7', energy: 'nev' },
  { zh: '埃安AION S', en: 'GAC Aion S', energy: 'nev' },
  { zh: '零跑C11', en: 'Leapmotor C11', energy: 'nev' },
  { zh: '岚图FREE', en: 'Voyah FREE', energy: 'nev' },
  { zh: '极氪001', en: 'Zeekr 001', energy: 'nev' },
];

/** Driving-licence classes (准驾车型) that a single-class licence can carry; each one's label is enrol.questions.licenceClass.<class>. */
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3'] as const;
export type LicenceClass = (typeof LICENCE_CLASSES)[number];

export function isLicenceClass(code: string): code is LicenceClass {
  return (LICENCE_CLASSES as readonly string[]).includes(code);
}

/**
 * The documents the credential question chooses among (labels: enrol.questions.travelDocument.<kind>).
 * Driving and vehicle licences are left out on purpose: a plate or licence question in the same (or an
 * earlier) questionnaire would give them away.
 */
export const TRAVEL_DOCUMENTS = ['passport', 'hk_macau_permit', 'taiwan_permit', 'residence_permit'] as const;
export type TravelDocument = (typeof TRAVEL_DOCUMENTS)[number];

// Characters of common given names, by the sex they usually suggest. Decoy names are built from the
// same group as the true name, so "the spouse is probably a woman" never rules an option out. Covers
// every character of the registry generator's GIVEN list.
export const GIVEN_NAME_CHARS = {
  male: [...'伟强磊军洋勇杰涛超刚鹏辉飞斌宇浩凯博轩泽远俊建国志峰豪健亮'],
  female: [...'芳娜敏静丽艳娟秀霞桂英玉兰萍红玲欣怡涵萱琪婷燕梅雪倩颖洁琳慧'],
  neutral: [...'明平华晨文子梓雨思佳嘉一晓春海新安'],
} as const;
