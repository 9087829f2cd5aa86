'use client';

import { useActionState } from 'react';
import { formatDateTime } from '@/components/format';
import { lookupEidAction, type LookupState } from './actions';
import { RevokeEidForm } from './revoke-form';

const STATUS = { active: '正常 / Active', suspended: '已暂停 / Suspended', revoked: '已注销 / Revoked' } as const;

export function EidLookup() {
  const [found, formAction, isPending] = useActionState<LookupState, FormData>(lookupEidAction, null);
  return (
    <>
      <form className="card" role="search" action={formAction}>
        <label htmlFor="idNumber">公民身份号码 <span className="hint">Exact 18-digit ID number (every lookup is recorded)</span></label>
        <input id="idNumber" name="idNumber" type="search" maxLength={18} autoComplete="off" />
        <div className="actions">
          <button type="submit" disabled={isPending}>查询 / Look up</button>
        </div>
      </form>
      {found?.status === 'invalid' && <div className="alert error" role="alert">{found.message}</div>}
      {found?.status === 'forbidden' && <div className="alert error" role="alert">您无权执行此操作 / You are not allowed to do this</div>}
      {found?.status === 'not_found' && <div className="alert info" role="status">此人尚未申领电子身份证 / No e-ID for this ID number</div>}
      {found?.status === 'ok' && (
        <section className="card" data-testid="eid-record">
          <dl className="facts">
            <dt>持证人 Holder</dt>
            <dd>
              {found.holder.name} · {found.holder.idNumberMasked}
            </dd>
            <dt>状态 Status</dt>
            <dd>{STATUS[found.eid.status]}</dd>
            <dt>等级 Level</dt>
            <dd>L{found.eid.assuranceLevel}</dd>
            <dt>申领时间 Issued</dt>
            <dd>{formatDateTime(found.eid.issuedAt)}</dd>
            {found.eid.statusReason && (
              <>
                <dt>原因 Reason</dt>
                <dd>{found.eid.statusReason}</dd>
              </>
            )}
          </dl>
          <h2>
            最近使用 <span className="en">Recent use</span>
          </h2>
          <ul>
            {found.uses.map((use) => (
              <li key={use.id}>
                {formatDateTime(use.createdAt)} · {use.kind} · {use.result}
              </li>
            ))}
          </ul>
          {found.eid.status !== 'revoked' && <RevokeEidForm eidId={found.eid.id} />}
        </section>
      )}
    </>
  );
}
