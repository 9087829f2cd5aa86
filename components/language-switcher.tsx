import { setLocaleAction } from '@/lib/i18n/set-locale-action';
import { getTranslator } from '@/lib/i18n/server';

// A plain form: it works before (and without) JavaScript, and with the keyboard alone.
export async function LanguageSwitcher() {
  const { locale, t } = await getTranslator();
  const other = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <form action={setLocaleAction} className="language-switcher">
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="link-button" lang={other === 'en' ? 'en' : 'zh-CN'} aria-label={t('common.switchToLabel')}>
        {t('common.switchTo')}
      </button>
    </form>
  );
}
