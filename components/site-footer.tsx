import { getTranslator } from '@/lib/i18n/server';

export async function SiteFooter() {
  const { t } = await getTranslator();
  return (
    <footer className="site-footer">
      <div className="inner">
        <p>{t('common.footerRunBy')}</p>
        <p>{t('common.footerPlatform')}</p>
      </div>
    </footer>
  );
}
