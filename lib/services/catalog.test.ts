import { describe, expect, it } from 'vitest';
import { SERVICE_CATALOG } from './catalog';
import { buildDetailsSchema, checkWizardStep, deliveryPrefill, parseServiceForm } from './form-schema';

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
    expect(parseServiceForm(service('household-transfer'), { ...base, reason: 'graduate_employment' }, registry, TODAY)).toMatchObject({ ok: false, fieldErrors: { employer: ['请填写就业单位 / Enter the employer'] } });
    expect(parseServiceForm(service('household-transfer'), { ...base, reason: 'house_purchase' }, registry, TODAY).ok).toBe(true);
  });

  it('refuses a vehicle or violation that is not the applicant’s own', () => {
    const vehicle = service('vehicle-licence-replacement');
    expect(parseServiceForm(vehicle, { plate: '鄂A12345', cause: 'lost', ...mail }, registry, TODAY).ok).toBe(true);
    const other = parseServiceForm(vehicle, { plate: '鄂A99999', cause: 'lost', ...mail }, registry, TODAY);
    expect(other.ok === false && other.fieldErrors.plate?.[0]).toMatch(/您名下/);
    const violation = service('traffic-violation');
    const dispute = parseServiceForm(violation, { violationId: registry.violation[0], handling: 'dispute', ...mail }, registry, TODAY);
    expect(dispute.ok === false && Object.keys(dispute.fieldErrors)).toEqual(['statement']);
  });

  it('refuses a loss date in the future and an impossible date', () => {
    const s = service('driving-licence-replacement');
    const future = parseServiceForm(s, { lostOn: '2026-12-01', lossCircumstances: '在地铁上遗失', ...mail }, registry, TODAY);
    expect(future.ok === false && future.fieldErrors.lostOn?.[0]).toMatch(/不能晚于今天/);
    const impossible = parseServiceForm(s, { lostOn: '2026-02-30', lossCircumstances: '在地铁上遗失', ...mail }, registry, TODAY);
    expect(impossible.ok === false && impossible.fieldErrors.lostOn?.[0]).toMatch(/日期格式/);
  });

  it('validates the mailing district and a street with a house number, or takes counter pickup where allowed', () => {
    const s = service('driving-licence-renewal');
    const bad = parseServiceForm(s, { medicalExamOn: '2026-11-20', ...mail, deliveryDistrictCode: '999999', deliveryStreet: '中南路' }, registry, TODAY);
    expect(bad.ok === false && Object.keys(bad.fieldErrors).sort()).toEqual(['deliveryDistrictCode', 'deliveryStreet']);
    expect(parseServiceForm(s, { medicalExamOn: '2026-11-20', deliveryMethod: 'counter', contactPhone: '13800000001' }, registry, TODAY)).toMatchObject({ ok: true, data: { delivery: { deliveryMethod: 'counter' } } });
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
