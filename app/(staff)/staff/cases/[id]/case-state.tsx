import type { ReactNode } from 'react';
import type { CaseView } from '@/lib/applications/case-view';
import { getTranslator } from '@/lib/i18n/server';

/** Why there is nothing for this caller to do here, in one or two sentences. */
export async function CaseState({ view }: { view: CaseView }) {
  const { t } = await getTranslator();
  const { application, certificate, claimedBy, deliveryMethod } = view;
  const holder = claimedBy ? `${claimedBy.displayName}${t('common.parenthetical', { text: claimedBy.staffNumber })}` : null;
  const reason = application.decisionReason;
  const lines: Record<string, ReactNode> = {
    approved: (
      <p>
        {certificate?.serialNumber ? (
          <>
            {t('staff.case.state.approvedWithSerial')} <strong className="mono">{certificate.serialNumber}</strong>
          </>
        ) : (
          t(deliveryMethod === 'counter' ? 'staff.case.state.approvedForCounter' : 'staff.case.state.approved')
        )}
      </p>
    ),
    awaiting_countersign: <p>{t('staff.case.state.awaitingCountersign')}</p>,
    needs_more_material: <p>{t('staff.case.state.needsMoreMaterial')}</p>,
    rejected: (
      <p>
        {t('staff.case.state.rejected')}
        {reason && <> {t('staff.case.state.reason', { reason })}</>}
      </p>
    ),
    withdrawn: <p>{t('staff.case.state.withdrawn')}</p>,
    in_review: <p>{t('staff.case.state.inReview', { holder: holder ?? t('staff.case.state.anotherClerk') })}</p>,
  };
  return (
    <section className="card" aria-labelledby="case-state-heading">
      <h2 id="case-state-heading">{t('staff.case.whereTheCaseIs')}</h2>
      {lines[application.status] ?? <p className="hint">{t('staff.case.state.nothing')}</p>}
    </section>
  );
}
