'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { isTerminalVerificationResult } from '@/lib/terminals/kinds';
import { lookupEidAction, type LookupState } from './actions';
import { RevokeEidForm } from './revoke-form';

const USE_KEYS = ['sign_in', 'terminal_scan', 'qr_sign_in', 'step_up'] as const;

export function EidLookup() {
  const { t, pick, dateTime } = useTranslator();
  const [found, formAction, isPending] = useActionState<LookupState, FormData>(lookupEidAction, null);
  return (
    <>
      <form className="card" role="search" action={formAction}>
        <label htmlFor="idNumber">
          {t('staff.eids.idNumber')} <span className="hint">{t('staff.eids.idNumberHint')}</span>
        </label>
        <input id="idNumber" name="idNumber" type="search" maxLength={18} autoComplete="off" />
        <div className="actions">
          <button type="submit" disabled={isPending}>{t('staff.eids.lookUp')}</button>
        </div>
      </form>
      {found?.status === 'invalid' && <div className="alert error" role="alert">{pick(found.message)}</div>}
      {found?.status === 'forbidden' && <div className="alert error" role="alert">{t('staff.eids.forbidden')}</div>}
      {found?.status === 'not_found' && <div className="alert info" role="status">{t('staff.eids.notFound')}</div>}
      {found?.status === 'ok' && (
        <section className="card" data-testid="eid-record">
          <dl className="facts">
            <dt>{t('staff.eids.holder')}</dt>
            <dd>
              {found.holder.name} · {found.holder.idNumberMasked}
            </dd>
            <dt>{t('staff.eids.status')}</dt>
            <dd>{t(`staff.eids.statuses.${found.eid.status}`)}</dd>
            <dt>{t('staff.eids.level')}</dt>
            <dd>L{found.eid.assuranceLevel}</dd>
            <dt>{t('staff.eids.issued')}</dt>
            <dd>{dateTime(found.eid.issuedAt)}</dd>
            {found.eid.statusReason && (
              <>
                <dt>{t('staff.eids.reason')}</dt>
                <dd>{pick(found.eid.statusReason)}</dd>
              </>
            )}
          </dl>
          <h2>{t('staff.eids.recentUse')}</h2>
          <ul>
            {found.uses.map((use) => (
              <li key={use.id}>
                {dateTime(use.createdAt)} · {use.kind in USE_KEYS ? t(`wallet.uses.${use.kind as (typeof USE_KEYS)[number]}`) : use.kind} ·{' '}
                {isTerminalVerificationResult(use.result) ? t(`terminal.result.${use.result}`) : use.result}
              </li>
            ))}
          </ul>
          {found.eid.status !== 'revoked' && <RevokeEidForm eidId={found.eid.id} />}
        </section>
      )}
    </>
  );
}
