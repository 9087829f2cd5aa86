'use client';

import { useActionState } from 'react';
import type { DispatchStatus } from '@/db/schema';
import { DISPATCH_STATUS_LABELS } from '@/lib/delivery/state-machine';
import { reissueCertificateAction, revokeCertificateAction } from '../../certificate-actions';
import type { StaffActionState } from '../../actions';

type Copy = { id: string; serialNumber: string; status: 'valid' | 'revoked' | 'superseded'; copyNumber: number; revokeReasonCode: string | null; latestDispatchStatus: DispatchStatus | null };
type Reasons = Record<string, { zh: string; en: string }>;

const STATUS = { valid: '有效 Valid', revoked: '已撤销 Revoked', superseded: '已被替换 Superseded' } as const;

/** Every copy issued for the case; a supervisor may revoke or reissue the current one. */
export function CertificateCopies({ applicationId, copies, canManage, revokeReasons, reissueReasons }: { applicationId: string; copies: Copy[]; canManage: boolean; revokeReasons: Reasons; reissueReasons: Reasons }) {
  const [revokeState, revoke, isRevoking] = useActionState<StaffActionState, FormData>(revokeCertificateAction, null);
  const [reissueState, reissue, isReissuing] = useActionState<StaffActionState, FormData>(reissueCertificateAction, null);
  const current = copies.find((c) => c.status === 'valid');
  const message = [revokeState, reissueState].find((s) => s !== null);
  return (
    <section className="card" aria-labelledby="copies-heading" data-testid="certificate-copies">
      <h2 id="copies-heading">
        已签发证件（{copies.length} 份）<span className="en">Certificates issued ({copies.length})</span>
      </h2>
      <ul>
        {copies.map((c) => (
          <li key={c.id} data-serial={c.serialNumber}>
            <span className="mono">{c.serialNumber}</span> · 第 {c.copyNumber} 份 · {STATUS[c.status]}
            {c.latestDispatchStatus && <span className="hint"> · {DISPATCH_STATUS_LABELS[c.latestDispatchStatus].zh}</span>}
            {c.revokeReasonCode && <span className="hint"> · {revokeReasons[c.revokeReasonCode]?.zh ?? c.revokeReasonCode}</span>}
          </li>
        ))}
      </ul>
      {message && (
        <p className={message.status === 'ok' ? 'hint' : 'field-error'} role={message.status === 'ok' ? 'status' : 'alert'}>
          {message.status === 'ok' ? message.data.message : message.message}
        </p>
      )}
      {canManage && current && (
        <>
          <details>
            <summary>补发 / Reissue</summary>
            <form action={reissue}>
              <input type="hidden" name="certificateId" value={current.id} />
              <input type="hidden" name="applicationId" value={applicationId} />
              <label htmlFor="reissue-reason">补发原因 Reason</label>
              <select id="reissue-reason" name="reasonCode" required>
                {Object.entries(reissueReasons).map(([code, r]) => <option key={code} value={code}>{r.zh} / {r.en}</option>)}
              </select>
              <button type="submit" className="small" disabled={isReissuing}>补发新证 / Reissue</button>
            </form>
          </details>
          <details>
            <summary>撤销 / Revoke</summary>
            <form action={revoke}>
              <input type="hidden" name="certificateId" value={current.id} />
              <input type="hidden" name="applicationId" value={applicationId} />
              <label htmlFor="revoke-reason">撤销原因 Reason</label>
              <select id="revoke-reason" name="reasonCode" required>
                {Object.entries(revokeReasons).map(([code, r]) => <option key={code} value={code}>{r.zh} / {r.en}</option>)}
              </select>
              <label htmlFor="revoke-note">说明 Note</label>
              <input id="revoke-note" name="note" type="text" />
              <button type="submit" className="danger-outline small" disabled={isRevoking}>撤销证件 / Revoke</button>
            </form>
          </details>
        </>
      )}
    </section>
  );
}
