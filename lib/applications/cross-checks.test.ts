import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '@/lib/identity/id-number';
import { findCodeCatalogueService } from '@/lib/services/catalog';
import { crossCheckCase, type CrossCheckInput } from './cross-checks';
import { readableText } from '@/lib/i18n/problem';

const idNumber = makeIdNumber('420106', '2001-06-15', 501); // odd sequence: male
const base: CrossCheckInput = {
  applicant: { residentId: 'r1', name: '李明' },
  record: { id: 'r1', name: '李明', idNumber, birthDate: '2001-06-15', sex: 'male', status: 'active', address: '武昌区中南路 1 号', householdId: 'h1' },
  household: { id: 'h1', address: '武昌区中南路 1 号', householdNumber: '420106000001' },
  householdMemberIds: ['r0', 'r1'],
  form: { fromAddress: '武昌区中南路 1 号' },
  service: findCodeCatalogueService('household-transfer'),
  documentKinds: ['diploma'],
};
const failing = (input: CrossCheckInput) => crossCheckCase(input).filter((c) => !c.isOk).map((c) => c.key);

describe('cross-checks against the registry', () => {
  it('passes a case whose person, household and documents all match', () => {
    expect(failing(base)).toEqual([]);
  });

  it('flags each mismatch on its own line', () => {
    expect(failing({ ...base, applicant: { residentId: 'r2', name: '王芳' } })).toEqual(['name']);
    expect(failing({ ...base, record: { ...base.record, sex: 'female' } })).toEqual(['id_number']);
    expect(failing({ ...base, record: { ...base.record, status: 'deceased' } })).toEqual(['registry_status']);
    expect(failing({ ...base, form: { fromAddress: '别处' } })).toEqual(['household']);
    expect(failing({ ...base, householdMemberIds: ['r0'] })).toEqual(['household']);
    expect(failing({ ...base, documentKinds: ['labour_contract'] })).toEqual(['documents']);
  });

  it('describes the registry status and household in the reader’s language, never as the raw value or in Chinese for an English reader', () => {
    const details = (input: CrossCheckInput, locale: 'zh-CN' | 'en') => Object.fromEntries(crossCheckCase(input).map((c) => [c.key, readableText(c.detail, locale)]));
    expect(details(base, 'en')).toMatchObject({ registry_status: 'Active', household: 'Household no. 420106000001' });
    expect(details(base, 'zh-CN')).toMatchObject({ registry_status: '正常', household: '户号 420106000001' });
    expect(details({ ...base, record: { ...base.record, status: 'cancelled' } }, 'en').registry_status).toBe('Cancelled');
    expect(details({ ...base, form: { fromAddress: '别处' } }, 'en').household).toMatch(/^Application 别处 ≠ registry /);
    expect(details({ ...base, applicant: { residentId: 'r2', name: '王芳' } }, 'en').name).toBe('Applicant 王芳 ≠ registry 李明');
    expect(details({ ...base, documentKinds: [] }, 'zh-CN').documents).toMatch(/^缺：/);
  });
});
