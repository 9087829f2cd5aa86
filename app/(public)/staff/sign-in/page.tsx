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
      <StaffSignInForm />
    </main>
  );
}
