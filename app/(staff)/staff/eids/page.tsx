import { getDb } from '@/db/client';
import { requireStaffPage } from '@/lib/auth/session';
import { findEidByIdNumber } from '@/lib/identity/eid-lookup';
import { formatDateTime } from '@/components/format';
import { RevokeEidForm } from './revoke-form';

export const metadata = { title: '电子身份证管理 / e-IDs' };

const STATUS = { active: '正常 / Active', suspended: '已暂停 / Suspended', revoked: '已注销 / Revoked' } as const;

export default async function EidAdminPage({ searchParams }: { searchParams: Promise<{ idNumber?: string }> }) {
  const actor = await requireStaffPage(['supervisor', 'admin']);
  const { idNumber } = await searchParams;
  const found = idNumber ? await findEidByIdNumber(await getDb(), actor, idNumber) : null;
  return (
    <main className="narrow">
      <h1>
        电子身份证管理 <span className="en">e-ID administration</span>
      </h1>
      <form className="card" role="search">
        <label htmlFor="idNumber">公民身份号码 <span className="hint">Exact 18-digit ID number (every lookup is recorded)</span></label>
        <input id="idNumber" name="idNumber" type="search" defaultValue={idNumber ?? ''} maxLength={18} autoComplete="off" />
        <div className="actions">
          <button type="submit">查询 / Look up</button>
        </div>
      </form>
      {found?.status === 'invalid' && <div className="alert error" role="alert">{found.message}</div>}
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
          <h2>最近使用 <span className="en">Recent use</span></h2>
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
    </main>
  );
}
