import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dictionaryFor } from './messages';
import { isMessageReference, localizeValue, msg, parseReference } from './problem';
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

// Files that still write "中文 / English" sentences instead of message references. The list only
// shrinks: convert a file, then take it off (the test fails while a listed file is already clean, so
// the list stays true).
const NOT_YET_CONVERTED = new Set<string>([
  'app/(citizen)/me/actions.ts',
  'app/(staff)/staff/actions.ts',
  'app/(staff)/staff/certificate-actions.ts',
  'app/(staff)/staff/deliveries/actions.ts',
  'app/(staff)/staff/events/actions.ts',
  'app/(staff)/staff/two-factor/actions.ts',
  'app/api/drafts/[serviceId]/documents/[documentId]/route.ts',
  'app/api/drafts/[serviceId]/documents/route.ts',
  'app/api/face-check/[id]/route.ts',
  'app/api/face-check/route.ts',
  'app/api/qr-sign-in/route.ts',
  'app/api/terminal/verify/route.ts',
  'db/seed.ts',
  'lib/applications/apply-transition.ts',
  'lib/applications/bulk-transition.ts',
  'lib/applications/case-notes.ts',
  'lib/applications/claim-application.ts',
  'lib/applications/counter-assist.ts',
  'lib/applications/cross-checks.ts',
  'lib/applications/deadline-sweep.ts',
  'lib/applications/decide-application.ts',
  'lib/applications/documents.ts',
  'lib/applications/draft-documents.ts',
  'lib/applications/drafts.ts',
  'lib/applications/escalate-case.ts',
  'lib/applications/resubmit-application.ts',
  'lib/applications/reveal-case-pii.ts',
  'lib/applications/submit-application.ts',
  'lib/applications/transition-application.ts',
  'lib/auth/citizen-sign-in.ts',
  'lib/auth/password-policy.ts',
  'lib/auth/qr-sign-in.ts',
  'lib/auth/session.ts',
  'lib/auth/staff-sign-in.ts',
  'lib/auth/staff-totp.ts',
  'lib/cafe/check-in.ts',
  'lib/cafe/search-register.ts',
  'lib/cafe/terminal-requests.ts',
  'lib/certificates/render-certificate.ts',
  'lib/certificates/revoke-and-reissue.ts',
  'lib/certificates/templates.ts',
  'lib/delivery/couriers/import-tracking-manifest.ts',
  'lib/delivery/print-batch.ts',
  'lib/delivery/record-counter-pickup.ts',
  'lib/delivery/state-machine.ts',
  'lib/delivery/transition-dispatch.ts',
  'lib/events/manage-events.ts',
  'lib/events/ticket-list.ts',
  'lib/face/face-check.ts',
  'lib/identity/eid-status.ts',
  'lib/identity/enrolment.ts',
  'lib/identity/id-number.ts',
  'lib/identity/wallet.ts',
  'lib/notifications/dead-letter.ts',
  'lib/services/catalog.ts',
  'lib/services/fields.ts',
  'lib/services/form-schema.ts',
  'lib/services/publish-service.ts',
  'lib/terminals/register-terminal.ts',
  'lib/terminals/verify-request.ts',
  'lib/testing/delivery-fixtures.ts',
  'lib/uploads/inspect.ts',
  'lib/uploads/upload-throttle.ts',
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
  });

  it('operations speak in references: no "中文 / English" sentences outside the files still listed', () => {
    const offenders: string[] = [];
    const stale: string[] = [];
    for (const dir of ['app', 'components', 'db', 'lib']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const relative = path.relative(ROOT, file).split(path.sep).join('/');
        const bilingual = BILINGUAL.test(readFileSync(file, 'utf8'));
        if (bilingual && !NOT_YET_CONVERTED.has(relative)) offenders.push(relative);
        if (!bilingual && NOT_YET_CONVERTED.has(relative)) stale.push(relative);
      }
    }
    expect(offenders, 'files with bilingual sentences: use msg() and the problems namespace').toEqual([]);
    expect(stale, 'converted files still on NOT_YET_CONVERTED: take them off').toEqual([]);
  });
});
