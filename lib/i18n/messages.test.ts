import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './config';
import { dictionaryFor, NAMESPACES } from './messages';
import type { MessageTree } from './define';
import { createTranslator, lookupMessage, pickLanguage } from './translate';

function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function placeholders(text: string): string[] {
  // `{name}` or the plural form `{name|one|other}` (lib/i18n/translate.ts).
  return [...text.matchAll(/\{(\w+)(?:\|[^|{}]*\|[^|{}]*)?\}/g)].map((m) => m[1]!).sort();
}

const ROOT = path.resolve(__dirname, '../..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('translations', () => {
  it.each(Object.keys(NAMESPACES))('namespace %s has the same keys, none empty, with the same placeholders, in both languages', (name) => {
    const ns = NAMESPACES[name as keyof typeof NAMESPACES] as unknown as Record<string, MessageTree>;
    const zhKeys = leafKeys(ns['zh-CN']!).sort();
    for (const locale of LOCALES) {
      const tree = ns[locale]!;
      expect(leafKeys(tree).sort(), `${name} in ${locale}`).toEqual(zhKeys);
      for (const key of zhKeys) {
        const text = lookupMessage({ [name]: tree } as never, `${name}.${key}`)!;
        expect(text.trim().length, `${name}.${key} in ${locale} is empty`).toBeGreaterThan(0);
        expect(placeholders(text), `${name}.${key} placeholders in ${locale}`).toEqual(
          placeholders(lookupMessage({ [name]: ns['zh-CN'] } as never, `${name}.${key}`)!),
        );
      }
    }
  });

  it('every message key the code uses exists in both languages', () => {
    const used = new Map<string, string>();
    for (const dir of ['app', 'components', 'lib']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/\bt\(\s*['"`]([a-zA-Z]+\.[\w.]+)['"`]/g)) used.set(m[1]!, path.relative(ROOT, file));
      }
    }
    expect(used.size).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const locale of LOCALES) {
      const dictionary = dictionaryFor(locale);
      for (const [key, file] of used) if (lookupMessage(dictionary, key) === undefined) missing.push(`${key} (${locale}, used in ${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('pages and components show one language at a time (no side-by-side English spans, no "中文 / English" literals)', () => {
    // Pages still being converted elsewhere; remove an entry once its pages use the translator.
    const notYetConverted: string[] = [];
    const offenders: string[] = [];
    for (const dir of ['app', 'components']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const relative = path.relative(ROOT, file);
        if (notYetConverted.some((prefix) => relative.startsWith(prefix)) || /actions\.ts$|[\\/]api[\\/]/.test(relative)) continue;
        const text = readFileSync(file, 'utf8');
        if (/className="en"|<span lang="en">/.test(text)) offenders.push(`${relative}: side-by-side English`);
        // A bilingual literal in JSX text or a string: Chinese, a slash, then English words.
        for (const m of text.matchAll(/^(?!\s*(?:\/\/|\*)).*[\u4e00-\u9fff][^'"`\n/]*\s\/\s[A-Z][a-z]+.*$/gm)) offenders.push(`${relative}: ${m[0].trim().slice(0, 80)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('fills placeholders and shows the key when a message is missing', () => {
    const t = createTranslator('en', dictionaryFor('en'));
    expect(t.t('common.signOut')).toBe('Sign out');
    expect(t.t('common.nope' as never)).toBe('common.nope');
  });

  it('picks the half of a bilingual domain message the reader needs', () => {
    expect(pickLanguage('请先登录 / Please sign in', 'zh-CN')).toBe('请先登录');
    expect(pickLanguage('请先登录 / Please sign in', 'en')).toBe('Please sign in');
    expect(pickLanguage('请填写完整的迁入地址（街道、门牌号）/ Enter the full new address (street and number)', 'en')).toBe(
      'Enter the full new address (street and number)',
    );
    expect(pickLanguage('此事项需要更高的身份认证等级 / This service needs a higher e-ID level', 'zh-CN')).toBe('此事项需要更高的身份认证等级');
    expect(pickLanguage('Only English here', 'zh-CN')).toBe('Only English here');
    expect(pickLanguage('只有中文', 'en')).toBe('只有中文');
  });

  it('formats dates the way each language writes them, in Beijing time', () => {
    const instant = new Date('2026-10-01T16:30:00Z'); // 2 October, 00:30 in Beijing
    expect(createTranslator('zh-CN', dictionaryFor('zh-CN')).date(instant)).toBe('2026年10月2日');
    expect(createTranslator('en', dictionaryFor('en')).date(instant)).toBe('2 Oct 2026');
    expect(createTranslator('en', dictionaryFor('en')).date('2026-10-08')).toBe('8 Oct 2026');
    expect(createTranslator('zh-CN', dictionaryFor('zh-CN')).dateTime(instant)).toContain('00:30');
  });
});
