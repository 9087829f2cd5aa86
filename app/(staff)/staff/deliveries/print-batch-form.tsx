'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { printBatchAction, type BatchActionState } from './actions';

type Ready = { id: string; serialNumber: string; referenceNumber: string; recipientName: string; address: string };

/** Pick the certificates ready for printing; they come back as one PDF with labels and a packing list. */
export function PrintBatchForm({ ready }: { ready: Ready[] }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<BatchActionState, FormData>(printBatchAction, null);
  return (
    <section className="card" aria-labelledby="print-heading" data-testid="print-batch">
      <h2 id="print-heading">{t('staff.deliveries.batch.heading')}</h2>
      {state?.status === 'ok' && (
        <p className="alert success" role="status">
          {t('staff.deliveries.batch.done', { batch: state.data.batchNumber, count: state.data.count })}{' '}
          <a className="button small" href={`/api/deliveries/batches/${state.data.batchId}/pdf`} data-testid="batch-pdf-link" download>
            {t('staff.deliveries.batch.download')}
          </a>
        </p>
      )}
      {state && state.status !== 'ok' && <p className="field-error" role="alert">{pick(state.message)}</p>}
      {ready.length === 0 ? (
        <p className="hint">{t('staff.deliveries.batch.nothing')}</p>
      ) : (
        <form action={formAction}>
          <fieldset>
            <legend>{t('staff.deliveries.batch.ready', { count: ready.length })}</legend>
            <ul className="plain">
              {ready.map((r) => (
                <li key={r.id}>
                  <label>
                    <input type="checkbox" name="dispatchId" value={r.id} aria-label={t('staff.deliveries.batch.select', { reference: r.referenceNumber })} />{' '}
                    <span className="mono">{r.serialNumber}</span> · <span className="mono">{r.referenceNumber}</span> · {r.recipientName}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" disabled={isPending} aria-busy={isPending}>
            {t('staff.deliveries.batch.print')}
          </button>
        </form>
      )}
    </section>
  );
}
