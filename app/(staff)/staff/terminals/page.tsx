import type { Metadata } from 'next';
import { Link } from '@/components/link';
import { loadPageData } from '@/lib/page-data';
import { getTranslator } from '@/lib/i18n/server';
import { requireStaffPage } from '@/lib/auth/session';
import { districtName } from '@/lib/places';
import { listTerminals } from '@/lib/terminals/register-terminal';
import { DeactivateTerminalButton } from './deactivate-terminal-button';
import { RegisterTerminalForm } from './register-terminal-form';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.terminals.title') };
}

export default async function TerminalsPage() {
  const actor = await requireStaffPage(STAFF_ROLES_THAT.manageTerminals);
  const { t, dateTime } = await getTranslator();
  const listed = await loadPageData(async (db) => listTerminals(db, actor));
  const terminals = listed.status === 'ok' ? listed.data : [];
  const activeCount = terminals.filter((terminal) => terminal.isActive).length;
  return (
    <main className="wide">
      <h1>{t('staff.terminals.heading')}</h1>
      <p className="hint">
        {t('staff.terminals.introBefore')} <Link href="/terminal">/terminal</Link> {t('staff.terminals.introAfter')}
      </p>
      <div className="terminals-layout">
        <section aria-labelledby="list-heading">
          <h2 id="list-heading">
            {t('staff.terminals.registered')} <span className="section-count">{t('staff.terminals.activeCount', { count: activeCount })}</span>
          </h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staff.terminals.list')}>
            <table className="data" data-testid="terminal-table">
              <caption className="visually-hidden">{t('staff.terminals.caption', { count: terminals.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.terminals.name')}</th>
                  <th scope="col">{t('staff.terminals.kind')}</th>
                  <th scope="col">{t('staff.terminals.district')}</th>
                  <th scope="col">{t('staff.terminals.keyPrefix')}</th>
                  <th scope="col">{t('staff.terminals.status')}</th>
                  <th scope="col">{t('staff.terminals.registeredAt')}</th>
                  <th scope="col">{t('staff.terminals.action')}</th>
                </tr>
              </thead>
              <tbody>
                {terminals.map((terminal) => (
                  <tr key={terminal.id} data-terminal-name={terminal.name}>
                    <td>
                      <strong>{terminal.name}</strong>
                    </td>
                    <td className="nowrap">
                      {t(`staff.terminals.kindName.${terminal.kind}`)}
                      <div className="hint">{t('staff.terminals.sees', { what: t(`staff.terminals.kindSees.${terminal.kind}`) })}</div>
                    </td>
                    <td className="nowrap">{districtName(terminal.districtCode)}</td>
                    <td className="mono nowrap">{terminal.apiKeyPrefix}…</td>
                    <td>
                      {terminal.isActive ? (
                        <span className="badge valid">{t('staff.terminals.active')}</span>
                      ) : (
                        <span className="badge revoked">{t('staff.terminals.deactivated')}</span>
                      )}
                    </td>
                    <td className="nowrap">{dateTime(terminal.createdAt)}</td>
                    <td>{terminal.isActive ? <DeactivateTerminalButton terminalId={terminal.id} name={terminal.name} /> : <span className="hint">—</span>}</td>
                  </tr>
                ))}
                {terminals.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty">
                      {t('staff.terminals.none')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        <RegisterTerminalForm />
      </div>
    </main>
  );
}
