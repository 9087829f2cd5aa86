// The wizard's one-file-per-request upload, called as the browser calls it (multipart POST to the
// route handler), on both databases: refusals carry a reason code and store nothing; an accepted file
// is stored once even when the same upload is retried; another citizen cannot reach the file; the
// submit moves the draft's files to the application and removes the draft; expired drafts are purged.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { and, eq, sql } from 'drizzle-orm';
import jpeg from 'jpeg-js';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { applicationDocuments, applicationDrafts, draftDocuments, throttleBuckets } from '@/db/schema';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { purgeExpiredDrafts } from '@/lib/applications/draft-documents';
import { findApplicationSubmittedFromDraft, getDraft, saveDraft } from '@/lib/applications/drafts';
import { isSignedOutResult } from '@/lib/auth/signed-out';
import { submitApplication } from '@/lib/applications/submit-application';
import type { CitizenActor } from '@/lib/auth/actor';
import { callerState } from '@/lib/testing/caller-mocks';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { runScheduledJob } from '@/lib/jobs/scheduled-jobs';
import { makeFlatPng, makeSixteenBitPngBomb } from '@/lib/testing/hostile-uploads';
import { countUploadInspections } from '@/lib/uploads/upload-throttle';
import { localizeValue } from '@/lib/i18n/problem';

const state = callerState;
vi.mock('@/lib/auth/session-cookie', (importOriginal) => import('@/lib/testing/caller-mocks').then((m) => m.sessionCookieMock(importOriginal)));
vi.mock('@/db/client', () =>
  import('@/lib/testing/caller-mocks').then((m) => ({ ...m.dbClientMock, getConnection: async () => ({ kind: 'pglite', db: m.callerState.db }) })),
);

vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => {} }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (url: string, type?: string) => {
    throw new Error(`redirect:${type ?? 'push'}:${url}`);
  },
}));

const uploadRoute = await import('./[serviceId]/documents/route');
const citizenActions = await import('../../(citizen)/me/actions');
const documentRoute = await import('./[serviceId]/documents/[documentId]/route');
const healthRoute = await import('../health/route');

// Made once: ~300 KB that decode to 317 MB (issue 15), and a 36-megapixel ordinary image that is decoded.
const bomb = await makeSixteenBitPngBomb();
const bigPhoto = await makeFlatPng(6000, 6000, { colorType: 2 });

/**
 * Runs `work` while the event loop's delay is sampled every 10 ms and /api/health is asked every 10 ms
 * on the same loop: what a blocking decode would stall. (Every 50 ms was too sparse on a quiet machine,
 * where the decode in its worker took under 100 ms and only the first check, made before it, was counted.)
 */
async function whileMeasuringEventLoop<T>(work: () => Promise<T>): Promise<{ result: T; maxDelayMs: number; slowestHealthMs: number; healthChecks: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let isDone = false;
  const healthTimes: number[] = [];
  const probe = (async () => {
    while (!isDone) {
      const started = performance.now();
      const response = await healthRoute.GET();
      expect(response.status).toBe(200);
      healthTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    const result = await work();
    return { result, maxDelayMs: histogram.max / 1e6, slowestHealthMs: Math.max(...healthTimes), healthChecks: healthTimes.length };
  } finally {
    isDone = true;
    histogram.disable();
    await probe;
  }
}
const wizardActions = await import('@/app/(citizen)/me/actions');

const SERVICE = 'household-transfer';

async function pdfWith(pages = 1, javascript = false): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([200, 100]).drawText(`Page ${i + 1}`, { x: 20, y: 50, size: 12, font });
  if (javascript) doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') })));
  return doc.save();
}

function png(): Uint8Array {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(0x80);
  return new Uint8Array(PNG.sync.write(image));
}

function jpg(): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: Buffer.alloc(8 * 8 * 4, 0x80), width: 8, height: 8 }, 80).data);
}

function upload(fields: { kind: string; fileName: string; bytes: Uint8Array; clientUploadId?: string; idempotencyKey?: string }, serviceId = SERVICE, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set('kind', fields.kind);
  form.set('clientUploadId', fields.clientUploadId ?? crypto.randomUUID());
  if (fields.idempotencyKey) form.set('idempotencyKey', fields.idempotencyKey);
  form.set('file', new File([fields.bytes as Uint8Array<ArrayBuffer>], fields.fileName));
  const request = new Request(`http://portal.test/api/drafts/${serviceId}/documents`, { method: 'POST', body: form, headers: { origin: 'http://portal.test', host: 'portal.test', ...headers } });
  return uploadRoute.POST(request, { params: Promise.resolve({ serviceId }) });
}

function documentRequest(method: 'GET' | 'DELETE', documentId: string, serviceId = SERVICE) {
  const request = new Request(`http://portal.test/api/drafts/${serviceId}/documents/${documentId}`, { method, headers: { origin: 'http://portal.test', host: 'portal.test' } });
  const params = { params: Promise.resolve({ serviceId, documentId }) };
  return method === 'GET' ? documentRoute.GET(request, params) : documentRoute.DELETE(request, params);
}

describe.each(TEST_TARGETS)('draft document uploads on $kind', (target) => {
  let connection: Connection;
  let owner: CitizenActor;
  let other: CitizenActor;

  const keptRows = async (actor: CitizenActor, serviceId = SERVICE) =>
    connection.db
      .select({ id: draftDocuments.id, kind: draftDocuments.kind, fileName: draftDocuments.fileName, sha256: draftDocuments.sha256 })
      .from(draftDocuments)
      .innerJoin(applicationDrafts, eq(applicationDrafts.id, draftDocuments.draftId))
      .where(and(eq(applicationDrafts.citizenAccountId, actor.accountId), eq(applicationDrafts.serviceId, serviceId)));
  const allKept = async () => Number((await connection.db.select({ n: sql<number>`count(*)::int` }).from(draftDocuments))[0]!.n);

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    state.db = connection.db;
    owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    other = await citizenByPhone(connection.db, DEMO_CITIZENS[1]!.phone);
  });
  afterAll(async () => connection?.close());
  beforeEach(async () => {
    state.actor = owner;
    await connection.db.delete(applicationDrafts);
  });

  it('refuses wrong type, too big, too many, polyglot, PDF with JavaScript and zero bytes with a reason code, and stores nothing', async () => {
    const refusals: [Parameters<typeof upload>[0], string, number][] = [
      [{ kind: 'diploma', fileName: 'diploma.pdf', bytes: new Uint8Array(0) }, 'empty', 400],
      [{ kind: 'diploma', fileName: 'diploma.pdf', bytes: Uint8Array.from(Buffer.from('MZ this is a program, not a PDF')) }, 'unsupported_type', 400],
      [{ kind: 'diploma', fileName: 'diploma.png', bytes: Uint8Array.from(Buffer.concat([Buffer.from(png()), Buffer.from(await pdfWith())])) }, 'polyglot', 400],
      [{ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith(1, true) }, 'pdf_active_content', 400],
      [{ kind: 'diploma', fileName: 'diploma.jpg', bytes: png() }, 'extension_mismatch', 400],
      [{ kind: 'passport', fileName: 'passport.pdf', bytes: await pdfWith() }, 'unknown_kind', 400],
    ];
    for (const [fields, code, status] of refusals) {
      const response = await upload(fields);
      expect(response.status, code).toBe(status);
      expect(await response.json(), code).toMatchObject({ status: 'invalid', code, message: expect.stringMatching(/\S/) });
    }
    // Too big: a PDF over the service's 10 MB, refused while reading the body.
    const big = new Uint8Array(10 * 1024 * 1024 + 300 * 1024);
    big.set(Buffer.from('%PDF-1.7\n'));
    const tooBig = await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: big });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ status: 'invalid', code: 'too_large' });
    // Wrong type for the document: a photo-only slot refuses a PDF.
    const photoOnly = await upload({ kind: 'vehicle_photo', fileName: 'car.pdf', bytes: await pdfWith() }, 'vehicle-licence-replacement');
    expect(await photoOnly.json()).toMatchObject({ status: 'invalid', code: 'type_not_allowed' });
    expect(await allKept()).toBe(0);
    expect(await connection.db.select().from(applicationDrafts)).toHaveLength(0);

    // Too many: the diploma takes one file; the second is refused and the first stays alone.
    expect((await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith() })).status).toBe(201);
    const second = await upload({ kind: 'diploma', fileName: 'diploma-2.pdf', bytes: await pdfWith(2) });
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ status: 'invalid', code: 'too_many' });
    expect(await keptRows(owner)).toHaveLength(1);
  });

  it('refuses the 16-bit image bomb of issue 15 from its header with a clear message, stores nothing, and /api/health answers within 200 ms meanwhile', async () => {
    expect(bomb.length).toBeLessThan(400_000);
    const { result: response, maxDelayMs, slowestHealthMs } = await whileMeasuringEventLoop(() => upload({ kind: 'diploma', fileName: 'diploma.png', bytes: bomb }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'invalid', code: 'image_too_large', message: expect.stringMatching(/^图片解码后超过 120 MB（/) });
    expect(maxDelayMs).toBeLessThan(200);
    expect(slowestHealthMs).toBeLessThan(200);
    expect(await allKept()).toBe(0);
  });

  it('decodes and re-encodes a 36-megapixel image off the event loop: kept, and /api/health answers within 200 ms throughout', async () => {
    const { result: response, maxDelayMs, slowestHealthMs, healthChecks } = await whileMeasuringEventLoop(() =>
      upload({ kind: 'vehicle_photo', fileName: 'car.png', bytes: bigPhoto }, 'vehicle-licence-replacement'),
    );
    expect(response.status).toBe(201);
    expect(healthChecks).toBeGreaterThan(1);
    expect(maxDelayMs).toBeLessThan(200);
    expect(slowestHealthMs).toBeLessThan(200);
    expect(await keptRows(owner, 'vehicle-licence-replacement')).toHaveLength(1);
  });

  it('inspects at most 60 files per account per hour across the upload route and the documents-step check, then answers 429 with Retry-After; another citizen is unaffected; the check needs the service’s e-ID level', async () => {
    await connection.db.delete(throttleBuckets);
    const documentsStep = async () => {
      const form = new FormData();
      form.set('serviceId', SERVICE);
      form.set('document.diploma', new File([(await pdfWith()) as Uint8Array<ArrayBuffer>], 'diploma.pdf'));
      return citizenActions.checkDocumentsAction(form);
    };
    // 58 files inspected earlier this hour, counted as both doors count them; the check action is the 59th, the upload the 60th.
    expect(await countUploadInspections(connection.db, owner.accountId, 58)).toBeNull();
    expect(await documentsStep()).toMatchObject({ status: 'ok' });
    expect((await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith() })).status).toBe(201);
    const refused = await upload({ kind: 'labour_contract', fileName: 'c.pdf', bytes: await pdfWith() });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Outside a request the answers are in the default language, Chinese.
    expect(await refused.json()).toMatchObject({ status: 'invalid', code: 'too_many_checks', message: expect.stringContaining('上传检查过于频繁') });
    expect(await documentsStep()).toMatchObject({ status: 'forbidden', message: expect.stringContaining('上传检查过于频繁') });
    expect(await keptRows(owner)).toHaveLength(1);
    state.actor = other;
    expect((await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith() })).status).toBe(201);
    // The service needs level 2: a level-1 session gets no inspection from the documents step either.
    state.actor = { ...other, assuranceLevel: 1 };
    expect(await documentsStep()).toMatchObject({ status: 'forbidden', message: '此事项需要更高的身份认证等级' });
    await connection.db.delete(throttleBuckets);
  });

  it('keeps an accepted file once even when the same upload is retried, and answers with its id, name, size and pages', async () => {
    const clientUploadId = crypto.randomUUID();
    const bytes = await pdfWith(3);
    const first = await upload({ kind: 'labour_contract', fileName: '劳动合同.pdf', bytes, clientUploadId });
    expect(first.status).toBe(201);
    const body = (await first.json()) as { data: { id: string } };
    expect(body).toMatchObject({ status: 'ok', data: { id: expect.any(String), kind: 'labour_contract', fileName: '劳动合同.pdf', sizeBytes: bytes.length, pages: 3 } });
    const retry = await upload({ kind: 'labour_contract', fileName: '劳动合同.pdf', bytes, clientUploadId });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: 'ok', data: { id: body.data.id, isRetry: true } });
    // Two copies of one retry racing: still one row.
    const raced = crypto.randomUUID();
    const [a, b] = await Promise.all([
      upload({ kind: 'labour_contract', fileName: 'page2.pdf', bytes, clientUploadId: raced }),
      upload({ kind: 'labour_contract', fileName: 'page2.pdf', bytes, clientUploadId: raced }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await keptRows(owner)).toHaveLength(2);
    // Images are re-encoded before they are kept: the bytes stored are not the bytes sent.
    const image = Uint8Array.from(Buffer.concat([Buffer.from(jpg()), Buffer.from('trailing bytes')]));
    const photo = (await (await upload({ kind: 'vehicle_photo', fileName: 'car.jpg', bytes: image }, 'vehicle-licence-replacement')).json()) as { data: { id: string; sizeBytes: number } };
    expect(photo.data.sizeBytes).not.toBe(image.length);
    const served = await documentRequest('GET', photo.data.id, 'vehicle-licence-replacement');
    expect(Buffer.from(await served.arrayBuffer()).includes(Buffer.from('trailing bytes'))).toBe(false);
  });

  it("another citizen's draft file is not found for them, cannot be removed by them, and a cross-site upload is refused", async () => {
    const kept = (await (await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith() })).json()) as { data: { id: string } };
    state.actor = other;
    expect((await documentRequest('GET', kept.data.id)).status).toBe(404);
    expect((await documentRequest('DELETE', kept.data.id)).status).toBe(404);
    state.actor = null;
    expect((await documentRequest('DELETE', kept.data.id)).status).toBe(401);
    expect((await upload({ kind: 'diploma', fileName: 'd.pdf', bytes: await pdfWith() })).status).toBe(401);
    state.actor = owner;
    const crossSite = await upload({ kind: 'labour_contract', fileName: 'c.pdf', bytes: await pdfWith() }, SERVICE, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await keptRows(owner)).toHaveLength(1);
    expect((await documentRequest('GET', kept.data.id)).status).toBe(200);
    // The owner removes it.
    expect((await documentRequest('DELETE', kept.data.id)).status).toBe(200);
    expect(await keptRows(owner)).toHaveLength(0);
  });

  it('a session that ends mid-wizard is answered "sign in again" (not a form error) by the upload route and every wizard action, and the draft keeps its values and files', async () => {
    const idempotencyKey = crypto.randomUUID();
    expect((await saveDraft(connection.db, owner, { serviceId: SERVICE, step: 'documents', formData: { reason: '毕业落户' }, idempotencyKey })).status).toBe('ok');
    expect((await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith(), idempotencyKey })).status).toBe(201);
    state.actor = null; // the session has ended (idle timeout, or signed out on another device)
    const refusedUpload = await upload({ kind: 'labour_contract', fileName: 'contract.pdf', bytes: await pdfWith(), idempotencyKey });
    expect(refusedUpload.status).toBe(401);
    expect(isSignedOutResult(await refusedUpload.json())).toBe(true);
    const removal = await documentRequest('DELETE', (await keptRows(owner))[0]!.id);
    expect(removal.status).toBe(401);
    expect(isSignedOutResult(await removal.json())).toBe(true);
    const values = { serviceId: SERVICE, step: 'details', values: { reason: '改了' }, idempotencyKey };
    expect(isSignedOutResult(await wizardActions.saveDraftAction(values))).toBe(true);
    expect(isSignedOutResult(await wizardActions.checkStepAction(values))).toBe(true);
    const documentsOnly = new FormData();
    documentsOnly.set('serviceId', SERVICE);
    expect(isSignedOutResult(await wizardActions.checkDocumentsAction(documentsOnly))).toBe(true);
    const submit = new FormData();
    submit.set('serviceId', SERVICE);
    submit.set('idempotencyKey', idempotencyKey);
    expect(isSignedOutResult(await wizardActions.submitApplicationAction(null, submit))).toBe(true);
    // Signed in again: the draft is as it was, with its file.
    state.actor = owner;
    expect(await getDraft(connection.db, owner, SERVICE)).toMatchObject({ step: 'documents', formData: { reason: '毕业落户' }, idempotencyKey });
    expect((await keptRows(owner)).map((r) => r.fileName)).toEqual(['diploma.pdf']);
    // A citizen with a session who may not do this is still refused plainly, not sent to sign in.
    state.actor = await staffByUsername(connection.db, 'clerk06');
    expect(isSignedOutResult(await wizardActions.saveDraftAction(values))).toBe(false);
  });

  it('the wizard submit replaces itself in the history with the application, and the wizard address with the submitted draft key finds that application (Back shows it)', async () => {
    const idempotencyKey = crypto.randomUUID();
    expect((await upload({ kind: 'diploma', fileName: 'diploma.pdf', bytes: await pdfWith(), idempotencyKey })).status).toBe(201);
    expect(await findApplicationSubmittedFromDraft(connection.db, owner, SERVICE, idempotencyKey)).toBeUndefined();
    const input = await validTransferInput(connection.db, owner);
    const submit = new FormData();
    submit.set('serviceId', SERVICE);
    submit.set('idempotencyKey', idempotencyKey);
    for (const [name, value] of Object.entries({ ...(input.form as Record<string, string>), deliveryMethod: 'mail', deliveryDistrictCode: '420106', deliveryStreet: '中南路 88 号' })) submit.set(name, value);
    for (const file of input.files) if (file.kind !== 'diploma') submit.set(`document.${file.kind}`, new File([file.bytes as Uint8Array<ArrayBuffer>], file.fileName));
    const redirected = await wizardActions.submitApplicationAction(null, submit).then(
      (result) => `no redirect: ${JSON.stringify(result)}`,
      (error: Error) => error.message,
    );
    const found = await findApplicationSubmittedFromDraft(connection.db, owner, SERVICE, idempotencyKey);
    expect(found, redirected).toBeDefined();
    expect(redirected).toBe(`redirect:replace:/me/applications/${found!.applicationId}?submitted=1`);
    // Only the owner's, only for that service, only a real key.
    expect(await findApplicationSubmittedFromDraft(connection.db, other, SERVICE, idempotencyKey)).toBeUndefined();
    expect(await findApplicationSubmittedFromDraft(connection.db, owner, 'migration-permit', idempotencyKey)).toBeUndefined();
    expect(await findApplicationSubmittedFromDraft(connection.db, owner, SERVICE, 'not-a-key')).toBeUndefined();
  });

  it("the draft's files become the application's on submit, the draft is gone, and a retried submit duplicates nothing", async () => {
    const idempotencyKey = crypto.randomUUID();
    const diploma = await pdfWith(2);
    expect((await upload({ kind: 'diploma', fileName: '毕业证书.pdf', bytes: diploma, idempotencyKey })).status).toBe(201);
    expect((await upload({ kind: 'labour_contract', fileName: '合同.pdf', bytes: await pdfWith(), idempotencyKey })).status).toBe(201);
    const kept = await keptRows(owner);
    // The submit posts no files: the draft holds them.
    const input = { ...(await validTransferInput(connection.db, owner)), files: [], idempotencyKey };
    const submitted = await submitApplication(connection.db, owner, input);
    expect(submitted.status).toBe('ok');
    if (submitted.status !== 'ok') return;
    const stored = await connection.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, submitted.data.applicationId));
    expect(stored.map((d) => [d.kind, d.fileName, d.sha256]).sort()).toEqual(kept.map((d) => [d.kind, d.fileName, d.sha256]).sort());
    expect(await connection.db.select().from(applicationDrafts).where(eq(applicationDrafts.citizenAccountId, owner.accountId))).toHaveLength(0);
    expect(await allKept()).toBe(0);
    const again = await submitApplication(connection.db, owner, input);
    expect(again).toMatchObject({ status: 'ok', data: { applicationId: submitted.data.applicationId, isDuplicate: true } });
    expect(await connection.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, submitted.data.applicationId))).toHaveLength(2);
    // An upload arriving after its own submit does not bring the draft back.
    const late = await upload({ kind: 'labour_contract', fileName: 'late.pdf', bytes: await pdfWith(), idempotencyKey });
    expect(late.status).toBe(409);
    expect(await connection.db.select().from(applicationDrafts).where(eq(applicationDrafts.citizenAccountId, owner.accountId))).toHaveLength(0);
  });

  it('a submit without the required file kept or posted is refused and the draft keeps its files', async () => {
    expect((await upload({ kind: 'labour_contract', fileName: '合同.pdf', bytes: await pdfWith() })).status).toBe(201);
    const input = { ...(await validTransferInput(connection.db, owner)), files: [] };
    const refused = await submitApplication(connection.db, owner, input);
    expect(localizeValue(refused, 'zh-CN')).toMatchObject({ status: 'invalid', fieldErrors: { 'document.diploma': [expect.stringContaining('毕业证书')] } });
    expect(await keptRows(owner)).toHaveLength(1);
  });

  it('drafts untouched for 30 days are purged with their files by the draft-purge job; newer ones stay', async () => {
    const now = new Date();
    expect((await upload({ kind: 'diploma', fileName: 'old.pdf', bytes: await pdfWith() })).status).toBe(201);
    state.actor = other;
    expect((await upload({ kind: 'diploma', fileName: 'new.pdf', bytes: await pdfWith() })).status).toBe(201);
    await connection.db
      .update(applicationDrafts)
      .set({ updatedAt: new Date(now.getTime() - 31 * 86_400_000) })
      .where(eq(applicationDrafts.citizenAccountId, owner.accountId));
    const outcome = await runScheduledJob(connection.db, 'draft-purge', { now, instance: 'test' });
    expect(outcome).toMatchObject({ ran: true, result: { drafts: 1 } });
    expect(await keptRows(owner)).toHaveLength(0);
    expect(await keptRows(other)).toHaveLength(1);
    expect(await purgeExpiredDrafts(connection.db, now)).toEqual({ drafts: 0 });
  });
});
