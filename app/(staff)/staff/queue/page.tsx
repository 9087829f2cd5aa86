import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { cookies } from 'next/headers';
import { maskIdNumber } from '@/lib/privacy/mask';
import { ID_SEARCH_COOKIE } from '@/lib/applications/queue-search';
import { loadPageData } from '@/lib/page-data';
import { listAssignableClerks, listQueue, queueParamsSchema } from '@/lib/applications/queue';
import { canAssignCases, canCountersign, canSeeEveryDistrict, STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { districtName } from '@/lib/places';
import { getTranslator } from '@/lib/i18n/server';
import { getPublishedCatalogue } from '@/lib/services/published-catalogue';
import { QueueTable } from './queue-table';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.queue.title') };
}

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.workTheQueue);
  const params = queueParamsSchema.parse(await searchParams);
  const idSearch = params.idSearch ? (await cookies()).get(ID_SEARCH_COOKIE)?.value : undefined;
  // Listing only (a replica if configured); the actions re-read and lock on the primary.
  const { t, locale, date, label } = await getTranslator();
  // The row's service id names it in the catalogue (a stored name is only the fallback for a retired service).
  const serviceName = (serviceId: string, nameZh: string) => {
    const service = catalogue.find((s) => s.id === serviceId);
    return service ? label({ zh: service.nameZh, en: service.nameEn }) : nameZh;
  };
  const [page, countersign, clerks, catalogue] = await loadPageData(
    (db) =>
      Promise.all([
        listQueue(db, actor, idSearch ? { ...params, q: idSearch } : params),
        // The supervisor's own to-do: cases waiting for a countersign, wherever the filter points.
        canCountersign(actor) ? listQueue(db, actor, { status: 'awaiting_countersign', pageSize: 5 }) : null,
        listAssignableClerks(db, actor),
        getPublishedCatalogue(db),
      ]),
    { replica: true },
  );
  const today = toBeijingDate(new Date());
  const districts = canSeeEveryDistrict(actor) ? WUHAN_DISTRICTS.map((d) => d.code) : actor.districtCodes;
  return (
    <main className="wide">
      <h1>{t('staff.queue.heading')}</h1>
      <p className="hint">
        {canSeeEveryDistrict(actor)
          ? t('staff.queue.scopeBureau')
          : t('staff.queue.scopeDistricts', { districts: actor.districtCodes.map(districtName).join(locale === 'en' ? ', ' : '、') })}{' '}
        · {t('staff.queue.today', { date: date(today) })}
      </p>
      {countersign && countersign.total > 0 && params.status !== 'awaiting_countersign' && (
        <p className="stat-links">
          <Link href="/staff/queue?status=awaiting_countersign">
            {t('staff.queue.awaitingCountersign', { count: countersign.total })}
          </Link>
        </p>
      )}
      {params.idSearch && (
        <p className="hint" data-testid="id-search">
          {idSearch ? t('staff.queue.byIdNumber', { masked: maskIdNumber(idSearch) }) : t('staff.queue.idSearchExpired')}
        </p>
      )}
      <QueueTable
        params={params}
        total={page.total}
        totalIsCapped={page.totalIsCapped}
        nextCursor={page.nextCursor}
        previousCursor={page.previousCursor}
        myStaffNumber={actor.staffNumber}
        isSupervisor={canAssignCases(actor)}
        actorRole={actor.role}
        services={catalogue.map((s) => ({ id: s.id, name: locale === 'en' ? s.nameEn : s.nameZh }))}
        districts={districts.map((code) => ({ code, name: districtName(code) }))}
        clerks={clerks.map((c) => ({ id: c.id, label: `${c.staffNumber} ${c.displayName}`, districtCodes: c.districtCodes }))}
        rows={page.rows.map((row) => ({
          id: row.id,
          referenceNumber: row.referenceNumber,
          status: row.status,
          version: row.version,
          districtCode: row.districtCode,
          districtName: districtName(row.districtCode),
          serviceName: serviceName(row.serviceId, row.serviceNameZh),
          applicantName: row.applicantName,
          applicantIdNumberMasked: row.applicantIdNumberMasked,
          assignee: row.assignee,
          submittedAt: row.submittedAt?.toISOString() ?? null,
          deadlineDate: row.deadlineDate,
          workingDaysLeft: row.deadlineDate ? workingDaysBetween(today, row.deadlineDate) : null,
        }))}
      />
    </main>
  );
}
