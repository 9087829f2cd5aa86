import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { SoftNavigation } from '@/components/soft-navigation';
import { htmlLang } from '@/lib/i18n/config';
import { I18nProvider } from '@/lib/i18n/client';
import { clientMessagesFor } from '@/lib/i18n/client-scopes';
import { getTranslator } from '@/lib/i18n/server';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: t('home.title'), template: `%s · ${t('home.title')}` }, description: t('home.description') };
}

// Every page renders per request, so each gets the CSP nonce proxy.ts made for it (a page prerendered
// at build time would carry no nonce and its scripts would be blocked).
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b4f9c' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  return (
    <html lang={htmlLang(locale)}>
      <body>
        {/* Only the few messages every page's client components share; each page adds its own (lib/i18n/client-scopes.ts). */}
        <I18nProvider locale={locale} messages={clientMessagesFor(locale, 'root')}>
          <a className="skip-link" href="#main">{t('common.skipToContent')}</a>
          <SiteHeader />
          <div id="main" tabIndex={-1}>{children}</div>
          <SiteFooter />
        </I18nProvider>
        <SoftNavigation />
      </body>
    </html>
  );
}
