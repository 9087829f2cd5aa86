import { describe, expect, it } from 'vitest';
import { composeMaterialRequest, composeRejectionReason } from './decision-reasons';
import { rejectionLabels } from './rejection-labels';

describe('decision reasons told to the citizen', () => {
  it('puts the rejection code’s label before the clerk’s words', () => {
    expect(composeRejectionReason(rejectionLabels().registry_mismatch, ' 迁出地址与户籍不符 ')).toBe('【与户籍信息不符 / Does not match the registry】迁出地址与户籍不符');
  });

  it('lists the ticked documents, then the clerk’s words, and works with either alone', () => {
    expect(composeMaterialRequest(['结婚证', '配偶户口簿本人页'], '请上传清晰扫描件')).toBe('请补充：结婚证、配偶户口簿本人页。请上传清晰扫描件');
    expect(composeMaterialRequest(['结婚证'], '')).toBe('请补充：结婚证。');
    expect(composeMaterialRequest([], '请补充劳动合同扫描件')).toBe('请补充劳动合同扫描件');
  });
});
