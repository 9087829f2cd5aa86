'use client';

import { Link } from '@/components/link';
import { useActionState, useTransition, type FormEvent } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { confirmQrSignInAction, openQrSignInAction, type ConfirmState, type OpenState } from './actions';

/**
 * The wallet's sign-in scanner: the code read from the computer's screen (a camera scanner or a
 * keyboard-wedge one types it here, as at the terminals), then what asked — browser, place, time —
 * and the number matching: pick the number the computer shows.
 */
export function ConfirmSignInForm() {
  const { t, pick, dateTime } = useTranslator();
  const [opened, openAction, isOpening] = useActionState<OpenState, FormData>(openQrSignInAction, null);
  const [answer, answerAction, isAnswering] = useActionState<ConfirmState, FormData>(confirmQrSignInAction, null);
  const [, startOpening] = useTransition();

  function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startOpening(() => openAction(formData));
  }

  if (answer?.status === 'ok') {
    return (
      <div className="alert success" role="status">
        {t('wallet.confirm.confirmed')} <Link href="/wallet">{t('wallet.confirm.back')}</Link>
      </div>
    );
  }
  if (answer) {
    return (
      <div className="alert error" role="alert">
        {pick(answer.message)} <Link href="/wallet">{t('wallet.confirm.back')}</Link>
      </div>
    );
  }

  if (opened?.status === 'ok') {
    const request = opened.data;
    const time = dateTime(new Date(request.requestedAt));
    return (
      <section className="card" aria-labelledby="match-heading">
        <dl className="facts" data-testid="qr-sign-in-request">
          <dt>{t('wallet.confirm.browser')}</dt>
          <dd>{request.browser === 'unknown' ? t('wallet.confirm.unknownBrowser') : request.browser}</dd>
          <dt>{t('wallet.confirm.place')}</dt>
          <dd>{t(`wallet.confirm.places.${request.place as 'same_network' | 'local' | 'private_network' | 'internet' | 'unknown'}`)}</dd>
          <dt>{t('wallet.confirm.time')}</dt>
          <dd>{time}</dd>
        </dl>
        <h2 id="match-heading">{t('wallet.confirm.matchHeading')}</h2>
        <p className="hint">{t('wallet.confirm.matchHint')}</p>
        <form action={answerAction} className="actions">
          <input type="hidden" name="requestId" value={request.requestId} />
          {request.choices.map((choice) => (
            <button key={choice} type="submit" name="choice" value={String(choice)} className="match-choice" disabled={isAnswering}>
              {choice}
            </button>
          ))}
          <button type="submit" name="choice" value="decline" className="secondary" disabled={isAnswering}>
            {t('wallet.confirm.no')}
          </button>
        </form>
      </section>
    );
  }

  return (
    <form method="post" onSubmit={open} className="card" noValidate>
      {opened && <div className="alert error" role="alert">{pick(opened.message)}</div>}
      <label htmlFor="payload">
        {t('wallet.confirm.scanned')} <span className="hint">{t('wallet.confirm.scannedHint')}</span>
      </label>
      <input id="payload" name="payload" type="text" autoComplete="off" spellCheck={false} required className="mono" />
      <div className="actions">
        <button type="submit" disabled={isOpening} aria-busy={isOpening}>{t('wallet.confirm.open')}</button>
      </div>
    </form>
  );
}
