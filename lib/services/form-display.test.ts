import { describe, expect, it } from 'vitest';
import { findCodeCatalogueService } from './catalog';
import { describeFormValues } from './form-display';

const service = (id: string) => {
  const found = findCodeCatalogueService(id);
  if (!found) throw new Error(`no service ${id}`);
  return found;
};

describe('describeFormValues: one way to show a field by its kind (wizard review, case page, status page)', () => {
  it('shows a choice by its label, a district by its name, free text as typed, and an empty field as null', () => {
    const rows = describeFormValues(service('household-transfer'), { toDistrictCode: '420106', toAddress: '中南路 88 号', reason: 'graduate_employment', employer: '' });
    expect(rows).toEqual([
      { name: 'toDistrictCode', label: { zh: '迁入区', en: 'District' }, value: { zh: '武昌区', en: '武昌区 (420106)' } },
      { name: 'toAddress', label: { zh: '迁入地址', en: 'New address' }, value: { zh: '中南路 88 号', en: '中南路 88 号' } },
      { name: 'reason', label: { zh: '迁移原因', en: 'Reason' }, value: { zh: '高校毕业生就业落户', en: 'Graduate taking up employment' } },
      { name: 'employer', label: { zh: '就业单位', en: 'Employer' }, value: null },
    ]);
  });

  it('shows a date in the reader’s format, and a registry pick by the text the wizard listed it with', () => {
    const [lostOn] = describeFormValues(service('household-booklet-reissue'), { cause: 'lost', lostOn: '2026-03-05' }).filter((r) => r.name === 'lostOn');
    expect(lostOn?.value?.zh).toContain('2026');
    expect(lostOn?.value?.en).toContain('2026');
    expect(lostOn?.value?.zh).not.toBe('2026-03-05');
    const [plate] = describeFormValues(service('vehicle-licence-replacement'), { plate: '鄂A12345' }, { vehicle: [{ value: '鄂A12345', text: '鄂A12345 · 白色 轿车' }] }).filter((r) => r.name === 'plate');
    expect(plate?.value).toEqual({ zh: '鄂A12345 · 白色 轿车', en: '鄂A12345 · 白色 轿车' });
    // Without the citizen's own list (the clerk's page), the stored value itself.
    const [bare] = describeFormValues(service('vehicle-licence-replacement'), { plate: '鄂A12345' }).filter((r) => r.name === 'plate');
    expect(bare?.value).toEqual({ zh: '鄂A12345', en: '鄂A12345' });
  });

  it('ignores values that are not text and fields the service does not define', () => {
    const rows = describeFormValues(service('household-transfer'), { toDistrictCode: 420106, contactPhone: '13800000001', extra: 'x' });
    expect(rows.map((r) => r.name)).toEqual(['toDistrictCode', 'toAddress', 'reason', 'employer']);
    expect(rows.every((r) => r.value === null)).toBe(true);
  });
});
