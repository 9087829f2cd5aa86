import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { citizenByPhone, staffByUsername, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { getCitizenApplicationView } from './citizen-application-view';
import { submitHouseholdTransfer } from './submit-application';
import { transitionApplication } from './transition-application';

describe.each(TEST_TARGETS)('the citizen’s application view on $kind', (target) => {
  let connection: Connection;
  let applicationId: string;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const submitted = await submitHouseholdTransfer(connection.db, owner, await validTransferInput(connection.db, owner));
    if (submitted.status !== 'ok') throw new Error('setup submit failed');
    applicationId = submitted.data.applicationId;
  });
  afterAll(async () => connection?.close());

  it('gives the owner their application with what they may do, and another citizen nothing', async () => {
    const owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const view = await getCitizenApplicationView(connection.db, owner, applicationId, new Date());
    expect(view?.actions).toEqual(['withdraw']);
    expect(view?.isFinal).toBe(false);
    expect(view?.formRows.find((r) => r.name === 'toDistrictCode')?.value).toEqual({ zh: '武昌区', en: '武昌区 (420106)' });
    expect(view?.daysLeft).toBeGreaterThanOrEqual(0);
    const stranger = await citizenByPhone(connection.db, DEMO_CITIZENS[1]!.phone);
    expect(await getCitizenApplicationView(connection.db, stranger, applicationId)).toBeUndefined();
  });

  it('offers only what the clerk asked for when more material is needed, with the clerk’s words', async () => {
    const clerk = await staffByUsername(connection.db, 'clerk06');
    const ctx = { publicBaseUrl: TEST_BASE_URL };
    await transitionApplication(connection.db, clerk, { applicationId, transition: 'claim', expectedVersion: 1 }, ctx);
    const asked = await transitionApplication(connection.db, clerk, { applicationId, transition: 'request_more_material', expectedVersion: 2, reason: '请补充：劳动合同。' }, ctx);
    expect(asked.status).toBe('ok');
    const owner = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const view = await getCitizenApplicationView(connection.db, owner, applicationId);
    expect(view?.actions).toEqual(expect.arrayContaining(['resubmit']));
    expect(view?.statusReason).toContain('劳动合同');
    expect(view?.resubmitDocuments).toEqual([{ kind: 'labour_contract', label: { zh: '劳动合同', en: 'Labour contract' } }]);
    expect(view?.correctableFields).toEqual([]);
  });
});
