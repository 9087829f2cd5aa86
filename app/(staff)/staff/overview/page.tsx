import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { notFound } from 'next/navigation';
import { loadPageData } from '@/lib/page-data';
import { getQueueOverview } from '@/lib/applications/overview';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { districtName } from '@/lib/places';
import { getPublishedCatalogue } from '@/lib/services/published-catalogue';
import { BarChart } from '@/components/bar-chart';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.overview.title') };
}

const AGE_KEYS = { '0-1': 'a0', '2-3': 'a2', '4-7': 'a4', '8-14': 'a8', '15+': 'a15' } as const;

export default async function OverviewPage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.seeOverview);
  const { t, locale, date } = await getTranslator();
  const [result, catalogue] = await loadPageData(async (db) => Promise.all([getQueueOverview(db, actor), getPublishedCatalogue(db)]), { replica: true });
  if (result.status !== 'ok') notFound();
  const o = result.data;
  const backlog = o.byService.reduce((sum, s) => sum + s.n, 0);
  const serviceName = (id: string, nameZh: string) => (locale === 'en' ? (catalogue.find((s) => s.id === id)?.nameEn ?? nameZh) : nameZh);
  const ageLabel = (key: string, labelZh: string) => (key in AGE_KEYS ? t(`staff.overview.ages.${AGE_KEYS[key as keyof typeof AGE_KEYS]}`) : labelZh);
  return (
    <main className="wide">
      <h1>{t('staff.overview.heading')}</h1>
      <dl className="summary-strip" aria-label={t('staff.overview.summary')} data-testid="overview-summary">
        <div>
          <dt>{t('staff.overview.open')}</dt>
          <dd>{backlog}</dd>
        </div>
        <div>
          <dt>{t('staff.overview.breached')}</dt>
          <dd className={o.breachedCount > 0 ? 'overdue' : undefined}>
            <Link href="/staff/queue?status=open&due=overdue">{o.breachedCount}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('staff.overview.escalated')}</dt>
          <dd>{o.escalatedCount}</dd>
        </div>
        <div>
          <dt>{t('staff.overview.today')}</dt>
          <dd>{date(o.today)}</dd>
        </div>
      </dl>
      <div className="grid-2">
        <section className="card" aria-labelledby="by-service">
          <h2 id="by-service">{t('staff.overview.byService')}</h2>
          <BarChart label={t('staff.overview.byServiceChart')} data={o.byService.map((s) => ({ label: serviceName(s.serviceId, s.name), value: s.n }))} />
        </section>
        <section className="card" aria-labelledby="by-age">
          <h2 id="by-age">{t('staff.overview.byAge')}</h2>
          <BarChart label={t('staff.overview.byAgeChart')} data={o.byAge.map((b) => ({ label: ageLabel(b.key, b.labelZh), value: b.n }))} />
        </section>
        <section className="card" aria-labelledby="by-district">
          <h2 id="by-district">{t('staff.overview.byDistrict')}</h2>
          <BarChart label={t('staff.overview.byDistrictChart')} data={o.byDistrict.map((d) => ({ label: districtName(d.districtCode), value: d.n }))} />
        </section>
        <section className="card" aria-labelledby="per-day">
          <h2 id="per-day">{t('staff.overview.perDay', { days: o.days })}</h2>
          <BarChart label={t('staff.overview.perDayChart')} data={o.daily.map((d) => ({ label: d.day.slice(5), value: d.n }))} />
        </section>
      </div>
      <section className="card" aria-labelledby="per-clerk">
        <h2 id="per-clerk">{t('staff.overview.perClerk', { days: o.days })}</h2>
        <table className="data" data-testid="per-clerk">
          <thead>
            <tr>
              <th scope="col">{t('staff.overview.staffNumber')}</th>
              <th scope="col">{t('staff.overview.name')}</th>
              <th scope="col">{t('staff.overview.decisions')}</th>
            </tr>
          </thead>
          <tbody>
            {o.perClerk.map((c) => (
              <tr key={c.staffNumber}>
                <td className="mono">{c.staffNumber}</td>
                <td>{c.displayName}</td>
                <td>{c.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="breaches">
        <h2 id="breaches">{t('staff.overview.breaches')}</h2>
        {o.oldestBreaches.length === 0 ? (
          <p className="hint">{t('staff.overview.noBreaches')}</p>
        ) : (
          <table className="data" data-testid="breaches">
            <thead>
              <tr>
                <th scope="col">{t('staff.overview.reference')}</th>
                <th scope="col">{t('staff.overview.district')}</th>
                <th scope="col">{t('staff.overview.deadline')}</th>
                <th scope="col">{t('staff.overview.status')}</th>
                <th scope="col">{t('staff.overview.holder')}</th>
                <th scope="col">{t('staff.overview.escalated')}</th>
              </tr>
            </thead>
            <tbody>
              {o.oldestBreaches.map((b) => (
                <tr key={b.id}>
                  <td><Link href={`/staff/cases/${b.id}`}>{b.referenceNumber}</Link></td>
                  <td>{districtName(b.districtCode)}</td>
                  <td className="overdue">{date(b.deadlineDate)}</td>
                  <td>{t(`problems.applications.status.${b.status}`)}</td>
                  <td className="mono">{b.holder ?? '—'}</td>
                  <td>{b.escalatedAt ? t('staff.overview.yes') : t('staff.overview.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
