import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '武汉公安 · 网上审批 | Wuhan e-ID approvals', template: '%s · 武汉公安网上审批' },
  description: '用电子身份证在网上办理户籍、交管业务 / Household and traffic services online with the e-ID',
};

// Every page renders per request, so each gets the CSP nonce proxy.ts made for it (a page prerendered
// at build time would carry no nonce and its scripts would be blocked).
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b4f9c' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <a className="skip-link" href="#main">跳到正文 / Skip to content</a>
        <SiteHeader />
        <div id="main" tabIndex={-1}>{children}</div>
        <SiteFooter />
      </body>
    </html>
  );
}
