import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { staffUsers } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import { invalid, ok, type Result } from '@/lib/result';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import { startStaffSession } from './staff-session';

export const staffSignInSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const STAFF_SIGN_IN_FAILED = '用户名或密码错误 / Wrong username or password';

/** Checks the password and, when it matches, starts a server-side staff session (lib/auth/staff-session.ts). */
export async function verifyStaffPassword(db: Database, input: unknown, now = new Date()): Promise<Result<{ staffId: string; sessionId: string }>> {
  const parsed = staffSignInSchema.safeParse(input);
  if (!parsed.success) return invalid(STAFF_SIGN_IN_FAILED);
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.username, parsed.data.username.toLowerCase()));
  // Hash even when the user is unknown, so timing does not reveal which usernames exist.
  const isMatch = await verifyPassword(parsed.data.password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!staff || !staff.isActive || !isMatch) {
    if (staff) {
      await writeAudit(db, { action: 'staff.sign_in_failed', actorType: 'public', actorId: null, subjectType: 'staff', subjectId: staff.id });
    }
    return invalid(STAFF_SIGN_IN_FAILED);
  }
  const sessionId = await db.transaction(async (tx) => {
    const id = await startStaffSession(tx, staff.id, now);
    await writeAudit(tx, { action: 'staff.signed_in', actorType: 'staff', actorId: staff.id, subjectType: 'staff', subjectId: staff.id });
    return id;
  });
  return ok({ staffId: staff.id, sessionId });
}
