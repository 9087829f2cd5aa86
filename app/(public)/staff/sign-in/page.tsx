import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { StaffSignInForm } from './staff-sign-in-form';

export const metadata = { title: '工作人员登录 / Staff sign-in' };

export default async function StaffSignInPage() {
  const actor = await getActor();
  if (actor?.kind === 'staff') redirect('/staff');
  return (
    <main className="narrow">
      <h1>
        工作人员登录 <span className="en">Staff sign-in</span>
      </h1>
      <div className="alert info">
        仅限授权工作人员使用，所有操作均记入审计日志。
        <span className="en"> For authorised staff only. Every action is recorded in the audit trail.</span>
      </div>
      <StaffSignInForm />
      <p className="hint">
        群众办事请从 <Link href="/sign-in">群众登录 / Citizen sign-in</Link> 进入。
      </p>
    </main>
  );
}
