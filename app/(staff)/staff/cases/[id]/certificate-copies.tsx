'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import type { DispatchStatus } from '@/db/schema';
import type { ReissueReasonCode, RevokeReasonCode } from '@/lib/certificates/revoke-and-reissue';
import { reissueCertificateAction, revokeCertificateAction } from '../../certificate-actions';
import type { StaffActionState } from '../../actions';

type Copy = { id: string; serialNumber: string; status: 'valid' | 'revoked' | 'superseded'; copyNumber: number; revokeReasonCode: string | null; latestDispatchStatus: DispatchStatus | null };

/** Every copy issued for the case; a supervisor may revoke or reissue the current one. */
export function CertificateCopies({ applicationId, copies, canManage, revokeReasons, reissueReasons }: { applicationId: string; copies: Copy[]; canManage: boolean; revokeReasons: readonly RevokeReasonCode[]; reissueReasons: readonly ReissueReasonCode[] }) {
  const { t, pick } = useTranslator();
  const isRevokeReason = (code: string): code is RevokeReasonCode => (revokeReasons as readonly string[]).includes(code);
  const [revokeState, revoke, isRevoking] = useActionState<StaffActionState, FormData>(revokeCertificateAction, null);
  const [reissueState, reissue, isReissuing] = useActionState<StaffActionState, FormData>(reissueCertificateAction, null);
  const current = copies.find((c) => c.status === 'valid');
  const message = [revokeState, reissueState].find((s) => s !== null);
  return (
    <section className="card" aria-labelledby="copies-heading" data-testid="certificate-copies">
      <h2 id="copies-heading">
        {t('staff.copies.heading', { count: copies.length })}
      </h2>
      <ul>
        {copies.map((c) => (
          <li key={c.id} data-serial={c.serialNumber}>
            <span className="mono">{c.serialNumber}</span> · {t('staff.copies.copy', { number: c.copyNumber })} · {t(`staff.copies.status.${c.status}`)}
            {c.latestDispatchStatus && <span className="hint"> · {t(`problems.delivery.status.${c.latestDispatchStatus}`)}</span>}
            {c.revokeReasonCode && <span className="hint"> · {isRevokeReason(c.revokeReasonCode) ? t(`problems.certificates.revokeReason.${c.revokeReasonCode}`) : c.revokeReasonCode}</span>}
          </li>
        ))}
      </ul>
      {message && (
        <p className={message.status === 'ok' ? 'hint' : 'field-error'} role={message.status === 'ok' ? 'status' : 'alert'}>
          {pick(message.status === 'ok' ? message.data.message : message.message)}
        </p>
      )}
      {canManage && current && (
        <>
          <details>
            <summary>{t('staff.copies.reissue')}</summary>
            <form action={reissue}>
              <input type="hidden" name="certificateId" value={current.id} />
              <input type="hidden" name="applicationId" value={applicationId} />
              <label htmlFor="reissue-reason">{t('staff.copies.reissueReason')}</label>
              <select id="reissue-reason" name="reasonCode" required>
                {reissueReasons.map((code) => <option key={code} value={code}>{t(`problems.certificates.reissueReason.${code}`)}</option>)}
              </select>
              <button type="submit" className="small" disabled={isReissuing}>{t('staff.copies.reissueSubmit')}</button>
            </form>
          </details>
          <details>
            <summary>{t('staff.copies.revoke')}</summary>
            <form action={revoke}>
              <input type="hidden" name="certificateId" value={current.id} />
              <input type="hidden" name="applicationId" value={applicationId} />
              <label htmlFor="revoke-reason">{t('staff.copies.revokeReason')}</label>
              <select id="revoke-reason" name="reasonCode" required>
                {revokeReasons.map((code) => <option key={code} value={code}>{t(`problems.certificates.revokeReason.${code}`)}</option>)}
              </select>
              <label htmlFor="revoke-note">{t('staff.copies.note')}</label>
              <input id="revoke-note" name="note" type="text" />
              <button type="submit" className="danger-outline small" disabled={isRevoking}>{t('staff.copies.revokeSubmit')}</button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}
