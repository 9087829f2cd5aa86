import { signOutEverywhereAction } from '@/lib/auth/sign-out-everywhere-action';

/** Ends every session of this account, on every device (lost phone, shared computer). */
export function SignOutEverywhereForm() {
  return (
    <form action={signOutEverywhereAction}>
      <button type="submit" className="secondary">
        退出所有设备 / Sign out everywhere
      </button>
    </form>
  );
}
