import type { Metadata } from 'next';
import { getTranslator } from '@/lib/i18n/server';
import { CafeTerminal } from './cafe-terminal';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('cafe.terminal.title') };
}

// Public on purpose, like /terminal: the café terminal proves itself with its API key on every request
// (kept in this tab's sessionStorage and sent only to /api/terminal/cafe/…), not with a session.
export default async function CafeTerminalPage() {
  const { t } = await getTranslator();
  return (
    <main className="terminal-page">
      <h1>{t('cafe.terminal.heading')}</h1>
      <p className="hint">{t('cafe.terminal.intro')}</p>
      <CafeTerminal />
    </main>
  );
}
