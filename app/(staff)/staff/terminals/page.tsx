import Link from 'next/link';
import { getDb } from '@/db/client';
import { formatDateTime } from '@/components/format';
import { requireStaffPage } from '@/lib/auth/session';
import { districtName } from '@/lib/places';
import { TERMINAL_KIND_LABELS } from '@/lib/terminals/kinds';
import { listTerminals } from '@/lib/terminals/register-terminal';
import { DeactivateTerminalButton } from './deactivate-terminal-button';
import { RegisterTerminalForm } from './register-terminal-form';

export const metadata = { title: '核验终端 / Verifier terminals' };

export default async function TerminalsPage() {
  const actor = await requireStaffPage(['admin']);
  const listed = await listTerminals(await getDb(), actor);
  const terminals = listed.status === 'ok' ? listed.data : [];
  const activeCount = terminals.filter((t) => t.isActive).length;
  return (
    <main className="wide">
      <h1>
        核验终端 <span className="en">Verifier terminals</span>
      </h1>
      <p className="hint">
        网吧、赛事检录口和服务窗口用终端扫描群众的电子身份证身份码，只能看到其类型允许的信息。每次扫码都会记入群众的身份使用记录。终端在{' '}
        <Link href="/terminal">/terminal</Link> 页面输入密钥后使用。
        <span lang="en">
          {' '}
          Internet cafés, event gates and service counters scan the citizen’s identity QR and see only what their kind allows. Every scan is shown in the
          citizen’s history. A terminal is used at <Link href="/terminal">/terminal</Link> with its key.
        </span>
      </p>
      <div className="terminals-layout">
        <section aria-labelledby="list-heading">
          <h2 id="list-heading">
            已登记终端 <span className="en">Registered terminals</span> <span className="section-count">· {activeCount} 个在用 / active</span>
          </h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="核验终端列表 / Terminals">
            <table className="data" data-testid="terminal-table">
              <caption className="visually-hidden">核验终端，共 {terminals.length} 个 / Verifier terminals</caption>
              <thead>
                <tr>
                  <th scope="col">名称 Name</th>
                  <th scope="col">类型 Kind</th>
                  <th scope="col">所在区 District</th>
                  <th scope="col">密钥前缀 Key prefix</th>
                  <th scope="col">状态 Status</th>
                  <th scope="col">登记 Registered</th>
                  <th scope="col">操作 Action</th>
                </tr>
              </thead>
              <tbody>
                {terminals.map((t) => (
                  <tr key={t.id} data-terminal-name={t.name}>
                    <td>
                      <strong>{t.name}</strong>
                    </td>
                    <td className="nowrap" title={`可见 Sees: ${TERMINAL_KIND_LABELS[t.kind].sees.zh} / ${TERMINAL_KIND_LABELS[t.kind].sees.en}`}>
                      {TERMINAL_KIND_LABELS[t.kind].zh}
                      <div className="hint">{TERMINAL_KIND_LABELS[t.kind].en}</div>
                    </td>
                    <td className="nowrap">{districtName(t.districtCode)}</td>
                    <td className="mono nowrap">{t.apiKeyPrefix}…</td>
                    <td>
                      {t.isActive ? (
                        <span className="badge valid">在用 <span className="en">Active</span></span>
                      ) : (
                        <span className="badge revoked">已停用 <span className="en">Deactivated</span></span>
                      )}
                    </td>
                    <td className="nowrap">{formatDateTime(t.createdAt)}</td>
                    <td>{t.isActive ? <DeactivateTerminalButton terminalId={t.id} name={t.name} /> : <span className="hint">—</span>}</td>
                  </tr>
                ))}
                {terminals.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty">
                      还没有登记终端 / No terminals registered yet.
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
