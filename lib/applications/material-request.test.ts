import { describe, expect, it } from 'vitest';
import { findCodeCatalogueService } from '@/lib/services/catalog';
import { composeMaterialRequest } from './decision-reasons';
import { requestedItems } from './material-request';

describe('what a request for more material asks for', () => {
  const vehicle = findCodeCatalogueService('vehicle-licence-replacement')!;
  const transfer = findCodeCatalogueService('household-transfer')!;

  it('takes the ticked documents and fields exactly ("车辆照片" is not the field "车辆")', () => {
    const items = requestedItems(vehicle, composeMaterialRequest(['车辆照片'], '照片看不清'));
    expect(items.documents.map((d) => d.kind)).toEqual(['vehicle_photo']);
    expect(items.fields).toEqual([]);
    const both = requestedItems(transfer, composeMaterialRequest(['迁入地址', '劳动合同'], ''));
    expect(both.fields.map((f) => f.name)).toEqual(['toAddress']);
    expect(both.documents.map((d) => d.kind)).toEqual(['labour_contract']);
  });

  it('reads a document named in the clerk’s own words, else offers every document', () => {
    expect(requestedItems(transfer, '请补充劳动合同扫描件').documents.map((d) => d.kind)).toEqual(['labour_contract']);
    const vague = requestedItems(transfer, '材料不清楚');
    expect(vague.isSpecific).toBe(false);
    expect(vague.documents).toHaveLength(transfer.documents.length);
  });
});
