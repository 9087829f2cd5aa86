import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/connect';
import { approvedDispatchForTest } from '@/lib/testing/delivery-fixtures';
import { staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';
import { deliveriesQuery, getDeliveriesView } from './deliveries-view';

describe.each(TEST_TARGETS)('the deliveries view on $kind', (target) => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await openSeededDatabase(target);
  });
  afterAll(async () => connection?.close());

  it('gives each row the moves the dispatch state machine allows, and the counter hand-over only to a certificate held for pickup', async () => {
    const { db } = connection;
    const supervisor = await staffByUsername(db, 'supervisor');
    const mailed = await approvedDispatchForTest(db);
    const counter = await approvedDispatchForTest(db, undefined, 'counter');
    const view = await getDeliveriesView(db, supervisor, { status: 'all', method: 'all' });
    const mailRow = view.rows.find((r) => r.id === mailed.id);
    const counterRow = view.rows.find((r) => r.id === counter.id);
    expect(mailRow).toMatchObject({ status: 'queued', transitions: ['print'], canCollectAtCounter: false });
    expect(counterRow).toMatchObject({ status: 'held_for_pickup', canCollectAtCounter: true });
    // Collecting is never a plain button: only the identity-checked form.
    expect(counterRow?.transitions).not.toContain('collect');
    expect(view.pageCount).toBeGreaterThanOrEqual(1);
    expect(view.total).toBeGreaterThanOrEqual(2);
  });

  it('parses the filters from the query string and builds links that keep them', async () => {
    const supervisor = await staffByUsername(connection.db, 'supervisor');
    const view = await getDeliveriesView(connection.db, supervisor, { method: 'counter', status: 'held_for_pickup' });
    expect(view.params).toMatchObject({ method: 'counter', status: 'held_for_pickup', page: 1 });
    expect(view.rows.every((r) => r.method === 'counter' && r.status === 'held_for_pickup')).toBe(true);
    const query = new URLSearchParams(deliveriesQuery(view.params, { page: 2 }));
    expect(query.get('method')).toBe('counter');
    expect(query.get('status')).toBe('held_for_pickup');
    expect(query.get('page')).toBe('2');
  });
});
