import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/config';
import { dictionaryFor } from '@/lib/i18n/messages';
import { readableText } from '@/lib/i18n/problem';
import { lookupMessage } from '@/lib/i18n/translate';
import { SERVICE_CATALOG } from './catalog';
import { CATALOGUE_QUERY_MAX_LENGTH, normaliseSearchText, parseCatalogueQuery, searchCatalogue, searchKeywords, SEARCH_SYNONYMS } from './catalogue-search';

const ids = (query: string) => searchCatalogue(SERVICE_CATALOG, query).map((s) => s.id);

describe('searching the service catalogue', () => {
  it('finds what a citizen types in everyday words, without spaces', () => {
    expect(ids('驾照补办')).toEqual(['driving-licence-replacement']);
    expect(ids('护照丢了')).toEqual(['passport-loss']);
    // A service whose name matches comes before those whose summary does.
    expect(ids('户口本')[0]).toBe('household-booklet-reissue');
    expect(ids('车牌')).toEqual(expect.arrayContaining(['plate-replacement', 'temporary-plate']));
    expect(ids('违章')).toContain('traffic-violation');
    expect(ids('年检')).toEqual(expect.arrayContaining(['inspection-mark', 'inspection-elsewhere']));
    expect(ids('身份证到期')[0]).toBe('id-card-renewal');
    // The materials are not searched: half the catalogue asks for an ID card.
    expect(ids('身份证')).toEqual(['id-card-first', 'id-card-renewal', 'id-card-loss', 'temporary-id-card']);
    expect(ids('怎么给宝宝上户口')).toEqual(['birth-registration']);
    expect(ids('我想办理护照')).toEqual(['passport-first', 'passport-renewal', 'passport-loss']);
    expect(ids('香港')).toEqual(expect.arrayContaining(['hk-macau-permit', 'hk-macau-endorsement']));
    expect(ids('新生儿上户口')).toEqual(['birth-registration']);
    expect(ids('卖车')).toEqual(['vehicle-transfer']);
  });

  it('finds every service by its own name, in either language, whatever the page language', () => {
    for (const service of SERVICE_CATALOG) {
      expect(ids(service.nameZh), service.nameZh).toContain(service.id);
      expect(ids(service.nameEn), service.nameEn).toContain(service.id);
    }
  });

  it('needs every keyword: a narrower query finds fewer services, and one that fits nothing finds none', () => {
    const licence = ids('驾驶证');
    expect(licence.length).toBeGreaterThan(3);
    expect(ids('驾驶证 补证').length).toBeLessThan(licence.length);
    expect(ids('驾驶证 补证')).toEqual(['driving-licence-replacement']);
    expect(ids('护照 驾驶证')).toEqual([]);
    expect(ids('天气预报')).toEqual([]);
    expect(ids('passport renewal')).toEqual(['passport-renewal']);
    expect(ids('driving license')).toEqual(ids('driving licence'));
  });

  it('reads full-width letters, capitals, punctuation and extra spaces as plain text', () => {
    expect(ids('ＰＡＳＳＰＯＲＴ')).toEqual(ids('passport'));
    expect(ids('  驾照，补办！ ')).toEqual(ids('驾照补办'));
    expect(normaliseSearchText('  Ａ  b\tC ')).toBe('a b c');
  });

  it('keeps the catalogue order among equals and returns everything for an empty query', () => {
    expect(ids('')).toEqual(SERVICE_CATALOG.map((s) => s.id));
    expect(ids('   ')).toEqual(SERVICE_CATALOG.map((s) => s.id));
    const order = SERVICE_CATALOG.map((s) => s.id);
    const found = ids('驾驶证');
    expect(found.length).toBeGreaterThan(3);
    expect([...found].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(found);
  });

  it('cuts a query into everyday words and what lies between them; single leftover characters are dropped', () => {
    expect(searchKeywords('驾照补办')).toEqual([
      ['驾照', '驾驶证', '驾驶人'],
      ['补办', '补领', '补发', '补证', '遗失', '丢失', '丢了', '掉了'],
    ]);
    // 的 and 我想办理 ask rather than name: they separate keywords; 护照 is a word of its own.
    expect(searchKeywords('护照的补办').map((k) => k[0])).toEqual(['护照', '补办']);
    expect(searchKeywords('我想办理护照')).toEqual([['护照']]);
    // A lone character is looked for as typed.
    expect(searchKeywords('车')).toEqual([['车']]);
  });

  it.each(LOCALES)('%s: every example the search box suggests finds a service', (locale) => {
    const hint = lookupMessage(dictionaryFor(locale), 'services.search.hint') ?? '';
    const examples = [...hint.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) expect(ids(example).length, example).toBeGreaterThan(0);
  });

  it('has no group of everyday words that finds nothing in the catalogue', () => {
    for (const group of SEARCH_SYNONYMS) {
      expect(searchCatalogue(SERVICE_CATALOG, group[0]!).length, group.join('/')).toBeGreaterThan(0);
    }
  });

  it('takes ?q= as the URL brings it, and refuses one too long with a message, keeping what was typed', () => {
    expect(parseCatalogueQuery({})).toEqual({ query: '', typed: '' });
    expect(parseCatalogueQuery({ q: ' 驾照 ' })).toEqual({ query: '驾照', typed: '驾照' });
    expect(parseCatalogueQuery({ q: ['护照', '驾照'] })).toEqual({ query: '护照', typed: '护照' });
    const long = '驾'.repeat(CATALOGUE_QUERY_MAX_LENGTH + 1);
    const refused = parseCatalogueQuery({ q: long });
    expect(refused.query).toBe('');
    expect(refused.typed).toBe(long);
    expect(readableText(refused.problem!, 'zh-CN')).toBe(`搜索词最多 ${CATALOGUE_QUERY_MAX_LENGTH} 个字，请缩短后再搜索`);
    expect(parseCatalogueQuery({ q: '驾'.repeat(CATALOGUE_QUERY_MAX_LENGTH) }).problem).toBeUndefined();
  });
});
