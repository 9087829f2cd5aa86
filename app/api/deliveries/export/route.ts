import { getDb } from '@/db/client';
import { writeAudit } from '@/lib/audit/actions';
import { getActor } from '@/lib/auth/session';
import { dispatchListParamsSchema, exportDispatchesCsv } from '@/lib/delivery/queries';
import { notFoundResponse, unauthorizedResponse } from '@/lib/http';
import { runMasked } from '@/lib/logging';

export const dynamic = 'force-dynamic';

/** The dashboard's filtered dispatch list as CSV; supervisors only; names and phones masked. */
export async function GET(request: Request) {
  const [actor, db] = await Promise.all([getActor(), getDb()]);
  if (!actor) return unauthorizedResponse();
  if (actor.kind !== 'staff') return notFoundResponse();
  const params = dispatchListParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return runMasked('dispatch-export', async () => {
    const csv = await exportDispatchesCsv(db, actor, params);
    if (csv === null) return notFoundResponse();
    await writeAudit(db, { action: 'dispatch.exported', actorType: 'staff', actorId: actor.staffId, subjectType: 'dispatch', subjectId: 'export', details: { ...params } });
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="dispatches-${new Date().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
}
