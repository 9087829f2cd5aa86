// What a reader of the English pages must never see: Chinese punctuation (（）：，。、) in English text,
// a "1 days" plural, or a raw stored value ("active", "in_review") where a word belongs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationStatusEnum, credentialStatusEnum, dispatchStatusEnum, eidStatusEnum, residentStatusEnum } from '@/db/schema';
import type { MessageTree } from './define';
import { dictionaryFor, NAMESPACES } from './messages';
import { createTranslator, lookupMessage } from './translate';

const FULL_WIDTH = /[（）：，。、；！？]/;
const ROOT = path.resolve(__dirname, '../..');

function leaves(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)));
}
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx$/.test(name) && !/\.test\.tsx$/.test(name) ? [full] : [];
  });
}
const englishMessages = Object.entries(NAMESPACES).flatMap(([name, ns]) => leaves((ns as unknown as Record<string, MessageTree>).en!, `${name}.`));

describe('English as an English reader expects it', () => {
  it('English messages use ASCII punctuation, never （）：，。、', () => {
    expect(englishMessages.filter(([, text]) => FULL_WIDTH.test(text)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('pages and components put no Chinese punctuation around translated text (it belongs in the message, per language)', () => {
    const offenders: string[] = [];
    for (const dir of ['app', 'components']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/^\s*(\/\/|\*|\{\/\*)/.test(line)) return;
            // `{label}（{x}）`, `</a>：{x}`, `${name}：${reason}`: punctuation glued to an interpolation or a closing tag.
            if (/[}>][（）：，。、]|[（）：，。、][{$]/.test(line)) offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim().slice(0, 90)}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('counts read as English: "1 day", "2 days"', () => {
    const t = createTranslator('en', dictionaryFor('en')).t;
    expect(t('staff.deliveries.olderThan', { days: 1 })).toBe('More than 1 day');
    expect(t('staff.deliveries.olderThan', { days: 3 })).toBe('More than 3 days');
    expect(t('myApplications.detail.daysLeft', { days: 1 })).toBe(' (1 working day left)');
    expect(t('services.keptFileMeta', { size: '12 KB', pages: 1 })).toBe('12 KB, 1 page');
    // No English message puts a bare count before a plural noun ("{days} days" reads "1 days").
    const barePlurals = englishMessages.filter(([, text]) => /\{(days|count|total|pages|points|sessions)\}\s+(working\s+)?[a-z]+s\b/.test(text) || /\(s\)/.test(text));
    expect(barePlurals.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('every stored status a page shows has a word in both languages, never the raw value', () => {
    const zh = createTranslator('zh-CN', dictionaryFor('zh-CN'));
    const en = createTranslator('en', dictionaryFor('en'));
    const words: [string, string, string][] = [
      ...applicationStatusEnum.enumValues.map((s) => [s, zh.t(`problems.applications.status.${s}`), en.t(`problems.applications.status.${s}`)] as [string, string, string]),
      ...dispatchStatusEnum.enumValues.map((s) => [s, zh.t(`problems.delivery.status.${s}`), en.t(`problems.delivery.status.${s}`)] as [string, string, string]),
      ...eidStatusEnum.enumValues.map((s) => [s, zh.t(`wallet.eidStatus.${s}`), en.t(`wallet.eidStatus.${s}`)] as [string, string, string]),
      ...eidStatusEnum.enumValues.map((s) => [s, zh.t(`staff.eids.statuses.${s}`), en.t(`staff.eids.statuses.${s}`)] as [string, string, string]),
      ...credentialStatusEnum.enumValues.map((s) => [s, zh.t(`wallet.documentStatus.${s}`), en.t(`wallet.documentStatus.${s}`)] as [string, string, string]),
      ...residentStatusEnum.enumValues.map((s) => [s, zh.t(`staff.case.residentStatus.${s}`), en.t(`staff.case.residentStatus.${s}`)] as [string, string, string]),
    ];
    const raw = words.filter(([value, inZh, inEn]) => inZh === value || inEn === value || inZh.includes('.') || /[\u4e00-\u9fff]/.test(inEn));
    expect(raw).toEqual([]);
    // And no English message shows a stored identifier (snake_case) as text; the CSV manifest's hint
    // names the values a courier's file must carry, and the designer's hint shows the form a document
    // code takes, which is the point there.
    const documentsAFormat = new Set(['staff.deliveries.manifest.statusHint', 'staff.catalogue.designer.documentKindHint']);
    expect(englishMessages.filter(([key, text]) => !documentsAFormat.has(key) && /\b[a-z]+_[a-z_]+\b/.test(text.replace(/\{[^}]*\}/g, ''))).map(([key]) => key)).toEqual([]);
    expect(lookupMessage(dictionaryFor('en'), 'wallet.noExpiry')).not.toMatch(/^no expiry$/);
  });
});
