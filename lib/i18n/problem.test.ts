import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dictionaryFor } from './messages';
import { containsMessageReference, isMessageReference, localizeValue, msg, parseReference } from './problem';
import { createTranslator } from './translate';
import { forbidden, invalid, signedOut } from '@/lib/result';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

// Files whose "中文 / English" texts are content, not messages: what a certificate PDF prints in both
// languages (its template and renderer). The seeded demo data's clerk reasons are Chinese only, as a
// clerk types them. The test fails when one of them no longer has such a text, so the list stays true.
const BILINGUAL_CONTENT = new Map<string, string>([
  ['lib/certificates/render-certificate.ts', 'printed on the certificate PDF'],
  ['lib/certificates/templates.ts', 'printed on the certificate PDF'],
]);

// A bilingual literal: Chinese, then " / " and English, outside a comment.
const BILINGUAL = /^(?!\s*(?:\/\/|\*|\/\*)).*[\u4e00-\u9fff][^'"`\n]* \/ [A-Za-z“"].*$/m;

describe('the message channel (lib/i18n/problem.ts)', () => {
  it('makes references with parameters and translates them in either language', () => {
    const reference = msg('problems.common.forbidden');
    expect(reference).toBe('problems.common.forbidden');
    expect(isMessageReference(reference)).toBe(true);
    expect(isMessageReference('您无权执行此操作')).toBe(false);
    expect(isMessageReference('problems')).toBe(false);
    const withVars = msg('problems.common.notFound', { name: 'a b&c=d', n: 3 });
    expect(parseReference(withVars)).toEqual({ key: 'problems.common.notFound', vars: { name: 'a b&c=d', n: '3' } });
    expect(isMessageReference(withVars)).toBe(true);
    expect(createTranslator('zh-CN', dictionaryFor('zh-CN')).pick(reference)).toBe('您无权执行此操作');
    expect(createTranslator('en', dictionaryFor('en')).pick(reference)).toBe('You are not allowed to do this');
  });

  it('translates every reference in a result, field errors included, and leaves other values alone', () => {
    const schema = z.object({ name: z.string({ error: msg('problems.common.signIn') }) });
    const parsed = schema.safeParse({});
    expect(parsed.success).toBe(false);
    const fieldErrors = z.flattenError(parsed.error!).fieldErrors;
    const at = new Date('2026-01-01T00:00:00Z');
    const result = { ...invalid(msg('problems.common.forbidden'), fieldErrors), at, count: 2, note: 'plain text' };
    const en = localizeValue(result, 'en');
    expect(en).toEqual({ status: 'invalid', message: 'You are not allowed to do this', fieldErrors: { name: ['Please sign in'] }, at, count: 2, note: 'plain text' });
    expect(localizeValue(signedOut(), 'zh-CN')).toMatchObject({ message: '请先登录', reason: 'signed_out' });
    expect(localizeValue(forbidden(), 'en').message).toBe('You are not allowed to do this');
    // The input is not changed.
    expect(result.message).toBe('problems.common.forbidden');
    // What localizedJson asks before reading the caller's language: is there anything to translate, at any depth?
    expect(containsMessageReference(result)).toBe(true);
    expect(containsMessageReference({ rows: [{ note: 'x' }, { deep: [1, msg('problems.common.signIn')] }] })).toBe(true);
    expect(containsMessageReference({ result: 'accepted', name: '李静', isAdult: true, photo: null, at })).toBe(false);
    expect(containsMessageReference(['problems', 'plain', 3, null])).toBe(false);
  });

  it('every server action in app/ translates what it returns, and JSON routes answer through localizedJson', () => {
    const unwrapped: string[] = [];
    const rawJson: string[] = [];
    // Routes whose JSON carries no message from lib/: health (a machine's probe), the courier webhook
    // (its own English error for the courier's system), the QR sign-in's success and poll bodies, the
    // terminal photo's bare error.
    const RAW_JSON_OK = new Set([
      'app/api/health/route.ts',
      'app/api/couriers/[courier]/webhook/route.ts',
      'app/api/qr-sign-in/route.ts',
      'app/api/qr-sign-in/status/route.ts',
      'app/api/terminal/photo/[token]/route.ts',
    ]);
    for (const file of sourceFiles(path.join(ROOT, 'app'))) {
      const relative = path.relative(ROOT, file).split(path.sep).join('/');
      const text = readFileSync(file, 'utf8');
      if (/^'use server'/m.test(text) && /^export async function/m.test(text)) unwrapped.push(relative);
      if (/\b(?:Next)?Response\.json\(/.test(text) && !RAW_JSON_OK.has(relative)) rawJson.push(relative);
    }
    expect(unwrapped, 'server actions not wrapped in localized()').toEqual([]);
    expect(rawJson, 'routes answering with Response.json instead of localizedJson/resultResponse').toEqual([]);
  });

  it('operations speak in references: no "中文 / English" sentences outside certificate content and demo data', () => {
    const offenders: string[] = [];
    const stale: string[] = [];
    for (const dir of ['app', 'components', 'db', 'lib']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const relative = path.relative(ROOT, file).split(path.sep).join('/');
        const bilingual = BILINGUAL.test(readFileSync(file, 'utf8'));
        if (bilingual && !BILINGUAL_CONTENT.has(relative)) offenders.push(relative);
        if (!bilingual && BILINGUAL_CONTENT.has(relative)) stale.push(relative);
      }
    }
    expect(offenders, 'files with bilingual sentences: use msg() and the problems namespace').toEqual([]);
    expect(stale, 'files listed as bilingual content that have none: take them off').toEqual([]);
  });
});
