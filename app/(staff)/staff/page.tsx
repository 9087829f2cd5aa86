import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignOutEverywhereForm } from '@/components/sign-out-everywhere-form';
import { requireStaffPage } from '@/lib/auth/session';

export const metadata = { title: '工作台 / Staff' };

export default async function StaffHomePage() {
  const actor = await requireStaffPage(['clerk', 'supervisor', 'admin']);
  if (actor.role === 'admin') {
    return (
      <main className="wide">
        <h1>管理 <span className="en">Administration</span></h1>
        <section className="card">
          <h2>核验终端 <span className="en">Verifier terminals</span></h2>
          <p>
            <Link href="/staff/terminals">登记网吧、赛事检录口、服务窗口的核验终端 / Register café, event-gate and counter terminals</Link>
          </p>
        </section>
        <section className="card">
          <h2>电子身份证 <span className="en">e-IDs</span></h2>
          <p>
            <Link href="/staff/eids">按身份证号查询、注销电子身份证 / Look up and revoke e-IDs</Link>
          </p>
        </section>
        <section className="card">
          <h2>登录设备 <span className="en">Signed-in devices</span></h2>
          <SignOutEverywhereForm />
        </section>
        <section className="card">
          <h2>即将提供 <span className="en">Coming in a later release</span></h2>
          <p>
            人员账号与角色、工作日历的管理将在后续版本提供。
            <span className="en"> Managing staff accounts and roles and the working-day calendar comes in a later release.</span>
          </p>
        </section>
      </main>
    );
  }
  redirect('/staff/queue');
}
