import { signOutEverywhereAction } from '@/lib/auth/sign-out-everywhere-action';
import { getTranslator } from '@/lib/i18n/server';

/** Ends every session of this account, on every device (lost phone, shared computer). */
export async function SignOutEverywhereForm() {
  const { t } = await getTranslator();
  return (
    <form action={signOutEverywhereAction}>
      <button type="submit" className="secondary">
        {t('common.signOutEverywhere')}
      </button>
    </form>
  );
}
