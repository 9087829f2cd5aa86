import { requireCitizenPage } from '@/lib/auth/session';
import { ConfirmSignInForm } from './confirm-sign-in-form';

export const metadata = { title: '确认登录 / Confirm sign-in' };

export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<{ request?: string }> }) {
  await requireCitizenPage();
  const { request } = await searchParams;
  return (
    <main className="narrow">
      <h1>
        在这台电脑上登录？ <span className="en">Sign in on this computer?</span>
      </h1>
      <p>
        只有当您本人正在电脑前扫码时才确认。确认后，那台电脑将以您的身份登录。
        <span className="en"> Confirm only if you are at that computer yourself: it will be signed in as you.</span>
      </p>
      <ConfirmSignInForm requestId={request ?? ''} />
    </main>
  );
}
