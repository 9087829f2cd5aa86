import { getDb } from '@/db/client';
import { requireStaffPage } from '@/lib/auth/session';
import { hasConfirmedTotp } from '@/lib/auth/staff-totp';
import { TwoFactorEnrolment } from './two-factor-enrolment';

export const metadata = { title: '两步验证 / Two-factor sign-in' };

export default async function TwoFactorPage() {
  const actor = await requireStaffPage(['clerk', 'supervisor', 'admin']);
  const isEnrolled = await hasConfirmedTotp(await getDb(), actor.staffId);
  return (
    <main className="narrow">
      <h1>
        两步验证 <span className="en">Two-factor sign-in</span>
      </h1>
      {isEnrolled ? (
        <p data-testid="totp-status">已开通：登录时需输入验证器中的 6 位数字。 <span className="en">On: sign-in asks for the 6 digits from your authenticator app.</span></p>
      ) : (
        <>
          <p>用验证器应用（如 FreeOTP、Google Authenticator）扫描二维码，再输入显示的 6 位数字。 <span className="en">Scan the QR with an authenticator app, then enter the 6 digits it shows.</span></p>
          <TwoFactorEnrolment />
        </>
      )}
    </main>
  );
}
