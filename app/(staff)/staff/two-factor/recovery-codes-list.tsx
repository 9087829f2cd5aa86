'use client';

import { useTranslator } from '@/lib/i18n/client';

/** Recovery codes, shown this once: they are kept only as hashes. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  const { t } = useTranslator();
  return (
    <section className="card" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading">{t('staff.twoFactor.recoveryHeading')}</h2>
      <p>{t('staff.twoFactor.recoveryOnce')}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
