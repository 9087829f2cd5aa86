import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { CitizenSignInForm } from './citizen-sign-in-form';
import { QrSignIn } from './qr-sign-in';

export const metadata = { title: '群众登录 / Sign in' };

export default async function CitizenSignInPage() {
  const actor = await getActor();
  if (actor?.kind === 'citizen') redirect('/me');
  return (
    <main className="narrow">
      <h1>
        电子身份证登录 <span className="en">Sign in with your e-ID</span>
      </h1>
      <p>
        请输入与身份证一致的姓名、身份证号码和在公安机关登记的手机号码。我们将向该手机发送验证码。
        <span className="en"> Enter your name and ID number exactly as on your ID card, and the mobile number registered with the police. We will text a one-time code to it.</span>
      </p>
      <CitizenSignInForm />
      <QrSignIn />
      <p className="hint">
        您的信息仅用于与人口信息库核对身份，核验过程全程留痕。
        <span lang="en"> Your details are only used to check your identity against the population registry; every check is recorded.</span>
      </p>
      <p className="hint">
        工作人员请从 <Link href="/staff/sign-in">工作人员登录 / Staff sign-in</Link> 进入。
      </p>
    </main>
  );
}
