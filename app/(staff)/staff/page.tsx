import { redirect } from 'next/navigation';
import { requireStaffPage } from '@/lib/auth/session';

export const metadata = { title: '工作台 / Staff' };

export default async function StaffHomePage() {
  const actor = await requireStaffPage(['clerk', 'supervisor', 'admin']);
  if (actor.role === 'admin') {
    return (
      <main className="wide">
        <h1>管理 <span className="en">Administration</span></h1>
        <section className="card">
          <h2>即将提供 <span className="en">Coming in a later release</span></h2>
          <p>
            人员账号与角色、核验终端和工作日历的管理将在后续版本提供。在此之前，请联系科技信息化处办理。
            <span className="en"> Managing staff accounts and roles, verifier terminals and the working-day calendar comes in a later release; until then, ask the IT department.</span>
          </p>
        </section>
      </main>
    );
  }
  redirect('/staff/queue');
}
