'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { importManifestAction, type ManifestActionState } from './actions';

/** Upload a courier's CSV manifest of tracking events; a bad line refuses the whole file. */
export function ManifestImportForm() {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<ManifestActionState, FormData>(importManifestAction, null);
  const lines = state && state.status === 'invalid' ? (state.fieldErrors?.lines ?? []) : [];
  return (
    <section className="card" aria-labelledby="manifest-heading">
      <h2 id="manifest-heading">{t('staff.deliveries.manifest.heading')}</h2>
      <p className="hint">
        {t('staff.deliveries.manifest.columns')} <code>courier,tracking_number,event_id,status,occurred_at,signed_by,reason</code>{' '}
        {t('staff.deliveries.manifest.statusHint')}
      </p>
      <form action={formAction}>
        <label htmlFor="manifest-file">{t('staff.deliveries.manifest.file')}</label>
        <input id="manifest-file" name="manifest" type="file" accept=".csv,text/csv" required />
        <button type="submit" className="secondary small" disabled={isPending}>{t('staff.deliveries.manifest.import')}</button>
      </form>
      {state?.status === 'ok' && <p className="alert success" role="status">{pick(state.data.message)}</p>}
      {state && state.status !== 'ok' && (
        <div className="field-error" role="alert" data-testid="manifest-errors">
          <p>{pick(state.message)}</p>
          {lines.length > 0 && <ul>{lines.map((l) => <li key={l}>{pick(l)}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}
