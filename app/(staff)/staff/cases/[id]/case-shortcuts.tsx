'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useTranslator } from '@/lib/i18n/client';

/**
 * Keyboard shortcuts on the case page (ignored while typing): c claim, a approve, r reason,
 * n next case, q back to the queue. They press the same buttons a mouse would, so every
 * confirmation and every server check still applies.
 */
export function CaseShortcuts({ nextCaseHref }: { nextCaseHref: string | null }) {
  const { t } = useTranslator();
  const router = useRouter();
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const press = (name: string) => document.querySelector<HTMLButtonElement>(`[data-shortcut="${name}"]:not([disabled])`)?.click();
      switch (event.key) {
        case 'c':
          press('claim');
          break;
        case 'a':
          press('approve');
          break;
        case 'r':
          event.preventDefault();
          document.getElementById('reason')?.focus();
          break;
        case 'n':
          if (nextCaseHref) router.push(nextCaseHref);
          break;
        case 'q':
          router.push('/staff/queue');
          break;
        default:
          return;
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nextCaseHref, router]);
  return (
    <p className="hint" data-testid="shortcuts">
      {t('staff.shortcuts.keys')} <kbd>c</kbd> {t('staff.shortcuts.claim')} · <kbd>a</kbd> {t('staff.shortcuts.approve')} · <kbd>r</kbd> {t('staff.shortcuts.reason')} ·{' '}
      <kbd>n</kbd> {t('staff.shortcuts.next')} · <kbd>q</kbd> {t('staff.shortcuts.queue')}
    </p>
  );
}
