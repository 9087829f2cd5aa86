import { redirect } from 'next/navigation';
import { requireStaffPage } from '@/lib/auth/session';

export default async function StaffHomePage() {
  const actor = await requireStaffPage(['clerk', 'supervisor', 'admin']);
  if (actor.role === 'admin') {
    return (
      <main>
        <h1>管理 <span className="en">Administration</span></h1>
        <p className="card">人员、终端和工作日历管理将在后续版本提供。<span className="en">Staff, terminal and calendar management come in a later release.</span></p>
      </main>
    );
  }
  redirect('/staff/queue');
}
