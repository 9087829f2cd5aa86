import type { Metadata } from 'next';
import { loadPageData } from '@/lib/page-data';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { listStaffTwoFactorStatus } from '@/lib/auth/staff-totp';
import { getTranslator } from '@/lib/i18n/server';
import { ResetTwoFactorForm } from './reset-two-factor-form';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.team.title') };
}

export default async function StaffTeamPage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.resetStaffTwoFactor);
  const [rows, { t }] = await Promise.all([loadPageData(async (db) => listStaffTwoFactorStatus(db, actor)), getTranslator()]);
  return (
    <main className="wide">
      <h1>{t('staff.team.heading')}</h1>
      <p className="hint">{t('staff.team.intro')}</p>
      <table data-testid="team-table">
        <thead>
          <tr>
            <th scope="col">{t('staff.team.staffNumber')}</th>
            <th scope="col">{t('staff.team.name')}</th>
            <th scope="col">{t('staff.team.role')}</th>
            <th scope="col">{t('staff.team.twoFactor')}</th>
            <th scope="col">{t('staff.team.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.staffId} data-username={row.username}>
              <td>{row.staffNumber}</td>
              <td>{row.displayName}</td>
              <td>{t(`common.staffRoles.${row.role}`)}</td>
              <td>{row.isEnrolled ? t('staff.team.enrolled') : t('staff.team.notEnrolled')}</td>
              <td>{row.staffId !== actor.staffId && <ResetTwoFactorForm staffId={row.staffId} staffLabel={`${row.staffNumber} ${row.displayName}`} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
