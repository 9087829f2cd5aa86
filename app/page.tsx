import { Link } from '@/components/link';
import { getTranslator } from '@/lib/i18n/server';

export default async function HomePage() {
  const { t } = await getTranslator();
  const steps = [
    ['signIn', 'signInHint'],
    ['apply', 'applyHint'],
    ['decide', 'decideHint'],
    ['deliver', 'deliverHint'],
  ] as const;
  return (
    <main>
      <section className="hero" aria-labelledby="hero-heading">
        <h1 id="hero-heading">{t('home.heroHeading')}</h1>
        <p>{t('home.heroText')}</p>
        <div className="actions">
          <Link className="button" href="/sign-in">{t('home.citizenSignIn')}</Link>
        </div>
      </section>

      <h2>{t('home.howItWorks')}</h2>
      <ol className="steps">
        {steps.map(([step, hint]) => (
          <li key={step}>
            <strong>{t(`home.steps.${step}`)}</strong>
            <span className="hint">{t(`home.steps.${hint}`)}</span>
          </li>
        ))}
      </ol>

      <div className="grid-2" style={{ marginTop: 16 }}>
        <section className="card" aria-labelledby="verify-heading">
          <h2 id="verify-heading">{t('home.verifyHeading')}</h2>
          <p>{t('home.verifyText')}</p>
        </section>
        <section className="card" aria-labelledby="staff-heading">
          <h2 id="staff-heading">{t('home.staffHeading')}</h2>
          <p>{t('home.staffText')}</p>
          <p>
            <Link href="/staff/sign-in">{t('home.staffSignIn')}</Link>
          </p>
        </section>
      </div>
    </main>
  );
}
