import { describe, expect, it } from 'vitest';
import { CERTIFICATE_KIND_LABELS, SERVICE_CATALOG, SERVICE_CATEGORIES, serviceDefinitionSchema } from './catalog';
import { buildDetailsSchema, checkWizardStep, deliveryPrefill, parseServiceForm } from './form-schema';
import { msg, readableText } from '@/lib/i18n/problem';

const registry = { vehicle: ['鄂A12345'], violation: ['0b0d3c55-6c3a-4b1e-9a51-9b1a2b3c4d5e'] };
const TODAY = '2026-11-28';
const service = (id: string) => SERVICE_CATALOG.find((s) => s.id === id)!;
const mail = { deliveryMethod: 'mail', deliveryDistrictCode: '420106', deliveryStreet: '中南路 88 号 3 栋 1201 室', contactPhone: '13800000001' };

describe('the service catalogue', () => {
  it('has at least four household and four traffic services, each complete', () => {
    expect(SERVICE_CATALOG.filter((s) => s.category === 'household').map((s) => s.id)).toEqual(
      expect.arrayContaining(['household-transfer', 'household-transfer-spouse', 'migration-permit', 'household-booklet-reissue']),
    );
    expect(SERVICE_CATALOG.filter((s) => s.category === 'traffic').map((s) => s.id)).toEqual(
      expect.arrayContaining(['driving-licence-renewal', 'driving-licence-replacement', 'vehicle-licence-replacement', 'traffic-violation']),
    );
    for (const s of SERVICE_CATALOG) {
      expect(s.fields.length, s.id).toBeGreaterThan(0);
      expect(s.deliveryOptions.length, s.id).toBeGreaterThan(0);
      for (const d of s.documents) expect(d.maxCount).toBeGreaterThanOrEqual(1);
    }
  });

  it('carries at least 40 services across household, exit-entry and traffic, each with its documents, time limit and both languages (issue 18 item 4)', () => {
    expect(SERVICE_CATALOG.length).toBeGreaterThanOrEqual(40);
    for (const category of SERVICE_CATEGORIES) expect(SERVICE_CATALOG.filter((s) => s.category === category).length, category).toBeGreaterThanOrEqual(8);
    const hasHan = /\p{Script=Han}/u;
    const hasLatin = /[A-Za-z]/;
    for (const s of SERVICE_CATALOG) {
      expect(s.documents.length, s.id).toBeGreaterThan(0);
      expect(s.deadlineWorkingDays, s.id).toBeGreaterThan(0);
      for (const text of [s.nameZh, s.summaryZh, s.eligibilityZh, ...s.fields.map((f) => f.labelZh), ...s.documents.map((d) => d.labelZh)]) expect(text, s.id).toMatch(hasHan);
      for (const text of [s.nameEn, s.summaryEn, s.eligibilityEn, ...s.fields.map((f) => f.labelEn), ...s.documents.map((d) => d.labelEn)]) {
        expect(text, s.id).toMatch(hasLatin);
        expect(text, s.id).not.toMatch(hasHan);
      }
    }
    // Names are unique in each language, so the guide never lists two services under one name.
    expect(new Set(SERVICE_CATALOG.map((s) => s.nameZh)).size).toBe(SERVICE_CATALOG.length);
    expect(new Set(SERVICE_CATALOG.map((s) => s.nameEn)).size).toBe(SERVICE_CATALOG.length);
  });

  it('gives each certificate kind its own serial prefix', () => {
    const prefixes = Object.values(CERTIFICATE_KIND_LABELS).map((l) => l.serialPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of prefixes) expect(p).toMatch(/^[A-Z]{2}$/);
  });

  it('accepts a completely filled form for every service, by the same schema the server applies', () => {
    const sample = (f: (typeof SERVICE_CATALOG)[number]['fields'][number]): string => {
      switch (f.kind) {
        case 'text':
          return '甲'.repeat(Math.max(f.minLength, 2));
        case 'select':
          return f.options[0]!.value;
        case 'date':
          return '2026-11-02';
        case 'district':
          return '420106';
        case 'address':
          return '武汉市武昌区中南路 88 号';
        case 'registry':
          return registry[f.source][0]!;
      }
    };
    for (const s of SERVICE_CATALOG) {
      const form = Object.fromEntries(s.fields.map((f) => [f.name, sample(f)]));
      const delivery = s.deliveryOptions.includes('mail') ? mail : { deliveryMethod: 'counter', contactPhone: '13800000001' };
      const parsed = parseServiceForm(s, { ...form, ...delivery }, registry, TODAY);
      expect(parsed.ok ? 'ok' : parsed.fieldErrors, s.id).toBe('ok');
    }
  });

  it('refuses a condition on a value the other field does not offer, on the field itself, or on the form’s own inputs', () => {
    const transfer = SERVICE_CATALOG.find((s) => s.id === 'household-transfer')!;
    const employer = transfer.fields.find((f) => f.name === 'employer')!;
    const withEmployer = (requiredWhen: { field: string; equals: string }) => ({ ...transfer, fields: transfer.fields.map((f) => (f === employer ? { ...f, requiredWhen } : f)) });
    expect(serviceDefinitionSchema.safeParse(withEmployer({ field: 'reason', equals: 'graduate_employment' })).success).toBe(true);
    const messages = (definition: unknown) => serviceDefinitionSchema.safeParse(definition).error?.issues.map((i) => readableText(i.message, 'en')) ?? [];
    expect(messages(withEmployer({ field: 'reason', equals: 'retirement_abroad' }))).toEqual([expect.stringContaining('does not offer')]);
    expect(messages(withEmployer({ field: 'employer', equals: 'x' }))).toEqual([expect.stringContaining('cannot depend on itself')]);
    expect(messages({ ...transfer, fields: [...transfer.fields, { kind: 'text', name: 'deliveryStreet', labelZh: '街道', labelEn: 'Street' }] })).toEqual([expect.stringContaining('reserved')]);
  });

  it('builds each form’s schema from its field definitions', () => {
    for (const s of SERVICE_CATALOG) {
      const result = buildDetailsSchema(s, registry, TODAY).safeParse({});
      const required = s.fields.filter((f) => f.isRequired && !f.requiredWhen).map((f) => f.name);
      expect(result.success, s.id).toBe(required.length === 0);
    }
  });
});

describe('service forms', () => {
  it('accepts a complete household transfer and composes the mailing address', () => {
    const parsed = parseServiceForm(service('household-transfer'), { toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 88 号', reason: 'graduate_employment', employer: '某公司', ...mail }, registry, TODAY);
    expect(parsed).toMatchObject({ ok: true, data: { delivery: { deliveryAddress: '武汉市武昌区中南路 88 号 3 栋 1201 室' } } });
  });

  it('asks for the employer only for a graduate', () => {
    const base = { toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 88 号', ...mail };
    expect(parseServiceForm(service('household-transfer'), { ...base, reason: 'graduate_employment' }, registry, TODAY)).toMatchObject({ ok: false, fieldErrors: { employer: [expect.stringMatching(/^problems\.services\.form\.enter\?/)] } });
    const asked = parseServiceForm(service('household-transfer'), { ...base, reason: 'graduate_employment' }, registry, TODAY);
    expect(asked.ok === false && readableText(asked.fieldErrors.employer![0]!, 'zh-CN')).toBe('请填写就业单位');
    expect(asked.ok === false && readableText(asked.fieldErrors.employer![0]!, 'en')).toBe('Enter the employer');
    expect(parseServiceForm(service('household-transfer'), { ...base, reason: 'house_purchase' }, registry, TODAY).ok).toBe(true);
  });

  it('refuses a vehicle or violation that is not the applicant’s own', () => {
    const vehicle = service('vehicle-licence-replacement');
    expect(parseServiceForm(vehicle, { plate: '鄂A12345', cause: 'lost', ...mail }, registry, TODAY).ok).toBe(true);
    const other = parseServiceForm(vehicle, { plate: '鄂A99999', cause: 'lost', ...mail }, registry, TODAY);
    expect(other.ok === false && readableText(other.fieldErrors.plate![0]!, 'zh-CN')).toMatch(/您名下/);
    const violation = service('traffic-violation');
    const dispute = parseServiceForm(violation, { violationId: registry.violation[0], handling: 'dispute', ...mail }, registry, TODAY);
    expect(dispute.ok === false && Object.keys(dispute.fieldErrors)).toEqual(['statement']);
  });

  it('refuses a loss date in the future and an impossible date', () => {
    const s = service('driving-licence-replacement');
    const future = parseServiceForm(s, { lostOn: '2026-12-01', lossCircumstances: '在地铁上遗失', ...mail }, registry, TODAY);
    expect(future.ok === false && readableText(future.fieldErrors.lostOn![0]!, 'zh-CN')).toMatch(/不能晚于今天/);
    const impossible = parseServiceForm(s, { lostOn: '2026-02-30', lossCircumstances: '在地铁上遗失', ...mail }, registry, TODAY);
    expect(impossible.ok === false && readableText(impossible.fieldErrors.lostOn![0]!, 'zh-CN')).toMatch(/日期格式/);
  });

  it('validates the mailing district and a street with a house number, or takes counter pickup where allowed', () => {
    const s = service('driving-licence-renewal');
    const bad = parseServiceForm(s, { medicalExamOn: '2026-11-20', ...mail, deliveryDistrictCode: '999999', deliveryStreet: '中南路' }, registry, TODAY);
    expect(bad.ok === false && Object.keys(bad.fieldErrors).sort()).toEqual(['deliveryDistrictCode', 'deliveryStreet']);
    expect(parseServiceForm(s, { medicalExamOn: '2026-11-20', deliveryMethod: 'counter', contactPhone: '13800000001' }, registry, TODAY)).toMatchObject({ ok: true, data: { delivery: { deliveryMethod: 'counter', deliveryAddress: msg('problems.services.form.counterPickup') } } });
    // The violation service mails only.
    const counter = parseServiceForm(service('traffic-violation'), { violationId: registry.violation[0], handling: 'accept', deliveryMethod: 'counter', contactPhone: '13800000001' }, registry, TODAY);
    expect(counter.ok === false && Object.keys(counter.fieldErrors)).toEqual(['deliveryMethod']);
  });

  it('checks one wizard step at a time with the same schema', () => {
    const s = service('household-transfer');
    expect(Object.keys(checkWizardStep(s, 'details', { ...mail }, registry, TODAY)).sort()).toEqual(['reason', 'toAddress', 'toDistrictCode']);
    expect(checkWizardStep(s, 'delivery', { ...mail }, registry, TODAY)).toEqual({});
    expect(Object.keys(checkWizardStep(s, 'delivery', { ...mail, contactPhone: '123' }, registry, TODAY))).toEqual(['contactPhone']);
  });

  it('splits the registry address into district and street for the pre-fill', () => {
    expect(deliveryPrefill('武汉市武昌区中南路12号3栋1201室', '420106')).toEqual({ deliveryDistrictCode: '420106', deliveryStreet: '中南路12号3栋1201室' });
  });
});
