import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { citizenByPhone, validTransferInput } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_BASE_URL, TEST_TARGETS } from '@/lib/testing/test-databases';
import { FINISHED_SHOWN, listApplicationsForCitizen, myApplicationsParamsSchema } from './queries';
import { submitHouseholdTransfer } from './submit-application';
import { transitionApplication } from './transition-application';

describe('the “My applications” address', () => {
  it('takes ?finished=all and ignores anything else there', () => {
    expect(myApplicationsParamsSchema.parse({ finished: 'all' })).toEqual({ finished: 'all' });
    expect(myApplicationsParamsSchema.parse({ finished: 'everything' }).finished).toBeUndefined();
    expect(myApplicationsParamsSchema.parse({ finished: ['all', 'all'] }).finished).toBeUndefined();
    expect(myApplicationsParamsSchema.parse({}).finished).toBeUndefined();
  });
});

describe.each(TEST_TARGETS)('a long history in “My applications” on $kind', (target) => {
  let connection: Connection;
  const withdrawn: string[] = [];
  let openId = '';
  const FINISHED = FINISHED_SHOWN + 3;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const submit = async () => {
      const submitted = await submitHouseholdTransfer(connection.db, citizen, await validTransferInput(connection.db, citizen));
      if (submitted.status !== 'ok') throw new Error(`setup submit failed: ${JSON.stringify(submitted)}`);
      return submitted.data.applicationId;
    };
    for (let i = 0; i < FINISHED; i += 1) {
      const applicationId = await submit();
      const result = await transitionApplication(connection.db, citizen, { applicationId, transition: 'withdraw', expectedVersion: 1 }, { publicBaseUrl: TEST_BASE_URL });
      if (result.status !== 'ok') throw new Error(`setup withdraw failed: ${JSON.stringify(result)}`);
      withdrawn.push(applicationId);
    }
    openId = await submit();
  }, 120_000);
  afterAll(async () => connection?.close());

  it(`lists every open application and the newest ${FINISHED_SHOWN} finished ones, with how many finished there are`, async () => {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const list = await listApplicationsForCitizen(connection.db, citizen);
    expect(list.open.map((r) => r.id)).toEqual([openId]);
    expect(list.finishedTotal).toBe(FINISHED);
    expect(list.finished.map((r) => r.id)).toEqual([...withdrawn].reverse().slice(0, FINISHED_SHOWN));
    expect(list.finished.every((r) => r.status === 'withdrawn' && r.workingDaysLate === null)).toBe(true);
  });

  it('gives the whole history when asked, newest first', async () => {
    const citizen = await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone);
    const list = await listApplicationsForCitizen(connection.db, citizen, { allFinished: true });
    expect(list.finished.map((r) => r.id)).toEqual([...withdrawn].reverse());
    expect(list.finishedTotal).toBe(FINISHED);
  });

  it('shows another citizen none of them', async () => {
    const other = await citizenByPhone(connection.db, DEMO_CITIZENS[1]!.phone);
    const list = await listApplicationsForCitizen(connection.db, other, { allFinished: true });
    const ids = new Set([...list.open, ...list.finished].map((r) => r.id));
    expect([openId, ...withdrawn].filter((id) => ids.has(id))).toEqual([]);
    expect(list.finishedTotal).toBe(list.finished.length);
  });
});
