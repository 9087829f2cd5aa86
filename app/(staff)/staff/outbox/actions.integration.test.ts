// The "retry now" server action checks the caller itself: called directly (skipping the page),
// only a supervisor or an admin can put a dead message back, and a refused call changes nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/connect';
import { DEMO_CITIZENS } from '@/db/registry-generator';
import { auditEvents, outboxMessages } from '@/db/schema';
import { callerState } from '@/lib/testing/caller-mocks';
import { citizenByPhone, staffByUsername } from '@/lib/testing/fixtures';
import { openSeededDatabase, TEST_TARGETS } from '@/lib/testing/test-databases';

const kicks = vi.hoisted(() => ({ count: 0 }));
const state = callerState;

// The real session layer and permission table decide (lib/testing/caller-mocks.ts): only the token and the database are chosen.
vi.mock('@/lib/auth/session-cookie', (importOriginal) => import('@/lib/testing/caller-mocks').then((m) => m.sessionCookieMock(importOriginal)));
vi.mock('@/db/client', () => import('@/lib/testing/caller-mocks').then((m) => m.dbClientMock));
vi.mock('@/lib/notifications/outbox-worker', () => ({ kickOutbox: () => (kicks.count += 1) }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { getStaffOrFailure } = await import('@/lib/auth/session');
const { STAFF_ROLES_THAT } = await import('@/lib/auth/permissions');
const { retryMessageAction } = await import('./actions');

describe.each(TEST_TARGETS)('outbox retry action on $kind', (target) => {
  let connection: Connection;
  let messageId: number;

  beforeAll(async () => {
    connection = await openSeededDatabase(target);
    state.db = connection.db;
    kicks.count = 0;
    const [row] = await connection.db
      .insert(outboxMessages)
      .values({ kind: 'email', payload: { to: 'dead@example.test', subject: 'dead', text: 'dead' }, status: 'dead', attempts: 10, lastError: 'connect ECONNREFUSED' })
      .returning();
    messageId = row!.id;
  });
  afterAll(async () => connection?.close());
  beforeEach(() => {
    state.actor = null;
  });

  const form = (id: unknown) => {
    const data = new FormData();
    data.set('messageId', String(id));
    return data;
  };
  const row = async () => (await connection.db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId)))[0]!;

  it('refuses anonymous callers, citizens and clerks, and changes nothing', async () => {
    for (const actor of [null, await citizenByPhone(connection.db, DEMO_CITIZENS[0]!.phone), await staffByUsername(connection.db, 'clerk06')]) {
      state.actor = actor;
      expect((await retryMessageAction(null, form(messageId)))?.status).toBe('forbidden');
    }
    expect(await row()).toMatchObject({ status: 'dead', attempts: 10 });
    expect(await connection.db.select().from(auditEvents).where(eq(auditEvents.action, 'outbox.retried'))).toHaveLength(0);
    expect(kicks.count).toBe(0);
  });

  it('lets a supervisor put the message back in the queue, audited, and kicks delivery', async () => {
    state.actor = await staffByUsername(connection.db, 'supervisor');
    expect(await retryMessageAction(null, form(messageId))).toEqual({ status: 'ok', data: { id: messageId } });
    expect(await row()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await connection.db.select().from(auditEvents).where(eq(auditEvents.action, 'outbox.retried'))).toHaveLength(1);
    expect(kicks.count).toBe(1);
    // A malformed id is "not found", never a crash.
    expect((await retryMessageAction(null, form('1; drop table outbox_messages')))?.status).toBe('not_found');
  });

  // retryMessageAction's operation checks the role again; this pins the session layer it goes through.
  it('the session layer gives the outbox to its roles only', async () => {
    for (const name of ['clerk06', 'police']) {
      state.actor = await staffByUsername(connection.db, name);
      expect(await getStaffOrFailure(STAFF_ROLES_THAT.seeOutbox)).toMatchObject({ status: 'forbidden' });
    }
    state.actor = await staffByUsername(connection.db, 'admin');
    expect(await getStaffOrFailure(STAFF_ROLES_THAT.seeOutbox)).toMatchObject({ kind: 'staff', role: 'admin' });
  });
});
