// The police search the internet café register (网吧实名上网登记) by person (ID number or exact name)
// or by café (part of its name). Every search is audited in the same transaction as the read; the
// audit keeps how the search was made and how many rows came back, never a full ID number.
import { desc, eq, ilike } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/connect';
import { cafeCheckIns, residents, verifierTerminals } from '@/db/schema';
import { writeAudit } from '@/lib/audit/actions';
import type { StaffActor } from '@/lib/auth/actor';
import { canSearchCafeRegister } from '@/lib/auth/permissions';
import { parseIdNumber } from '@/lib/identity/id-number';
import { msg } from '@/lib/i18n/problem';
import { maskIdNumber } from '@/lib/privacy/mask';
import { piiIndex } from '@/lib/privacy/pii-columns';
import { forbidden, invalid, ok, type Result } from '@/lib/result';
import { masked, registerQuery, type RegisterRow } from './check-in';

export const searchCafeRegisterSchema = z.object({
  by: z.enum(['person', 'cafe'], { error: msg('problems.cafe.searchBy') }),
  query: z
    .string({ error: msg('problems.cafe.enterQuery') })
    .trim()
    .min(1, { error: msg('problems.cafe.enterQuery') })
    .max(40, { error: msg('problems.cafe.queryMax') }),
});

const SEARCH_LIMIT = 200;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchCafeRegister(db: Database, actor: StaffActor, rawInput: unknown): Promise<Result<{ rows: RegisterRow[] }>> {
  if (!canSearchCafeRegister(actor)) return forbidden();
  const parsed = searchCafeRegisterSchema.safeParse(rawInput);
  if (!parsed.success) return invalid(msg('problems.cafe.checkSearch'), z.flattenError(parsed.error).fieldErrors);
  const { by, query } = parsed.data;

  let where;
  let personKind: 'id_number' | 'name' | null = null;
  if (by === 'person') {
    const id = parseIdNumber(query);
    personKind = id.ok ? 'id_number' : 'name';
    where = id.ok ? eq(residents.idNumberIndex, piiIndex('id_number', id.value.idNumber)) : eq(residents.name, query);
  } else {
    where = ilike(verifierTerminals.name, `%${escapeLike(query)}%`);
  }

  const rows = await db.transaction(async (tx) => {
    const found = await registerQuery(tx)
      .where(where)
      .orderBy(desc(cafeCheckIns.checkedInAt))
      .limit(SEARCH_LIMIT);
    await writeAudit(tx, {
      action: 'cafe.register_searched',
      actorType: 'staff',
      actorId: actor.staffId,
      subjectType: 'cafe_register',
      subjectId: by,
      // A name or café name is kept as typed; an ID number only masked.
      details: { by, personKind, query: personKind === 'id_number' ? maskIdNumber(query) : query, rows: found.length },
    });
    return found;
  });
  return ok({ rows: masked(rows) });
}
