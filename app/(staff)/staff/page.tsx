import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { redirect } from 'next/navigation';
import { SignOutEverywhereForm } from '@/components/sign-out-everywhere-form';
import { requireStaffPage } from '@/lib/auth/session';
import { getTranslator } from '@/lib/i18n/server';
import { canSearchCafeRegister, canWorkTheQueue, STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.home.title') };
}

export default async function StaffHomePage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.useThePortal);
  const { t } = await getTranslator();
  // The police land on the café register search, the only thing they do here.
  if (canSearchCafeRegister(actor)) redirect('/staff/cafe-register');
  // Whoever works the queue lands on it; the others (the administrator) get the management home.
  if (!canWorkTheQueue(actor)) {
    return (
      <main className="wide">
        <h1>{t('staff.home.heading')}</h1>
        <section className="card">
          <h2>{t('staff.home.terminalsHeading')}</h2>
          <p>
            <Link href="/staff/terminals">{t('staff.home.terminalsLink')}</Link>
          </p>
        </section>
        <section className="card">
          <h2>{t('staff.home.eventsHeading')}</h2>
          <p>
            <Link href="/staff/events">{t('staff.home.eventsLink')}</Link>
          </p>
        </section>
        <section className="card">
          <h2>{t('staff.home.eidsHeading')}</h2>
          <p>
            <Link href="/staff/eids">{t('staff.home.eidsLink')}</Link>
          </p>
        </section>
        <section className="card">
          <h2>{t('staff.home.teamHeading')}</h2>
          <p>
            <Link href="/staff/team">{t('staff.home.teamLink')}</Link>
          </p>
        </section>
        <section className="card">
          <h2>{t('staff.home.devicesHeading')}</h2>
          <SignOutEverywhereForm />
        </section>
        <section className="card">
          <h2>{t('staff.home.laterHeading')}</h2>
          <p>{t('staff.home.laterText')}</p>
        </section>
      </main>
    );
  }
  redirect('/staff/queue');
}
