import type { Metadata } from 'next';
import { getTranslator } from '@/lib/i18n/server';
import { TerminalScanner } from './terminal-scanner';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('terminal.title') };
}

// Public on purpose: the terminal proves itself with its API key on every scan, not with a session.
export default async function TerminalPage() {
  const { t } = await getTranslator();
  return (
    <main className="terminal-page">
      <h1>{t('terminal.heading')}</h1>
      <p className="hint">{t('terminal.intro')}</p>
      <TerminalScanner />
    </main>
  );
}
