'use client';

import { useActionState } from 'react';
import { printBatchAction, type BatchActionState } from './actions';

type Ready = { id: string; serialNumber: string; referenceNumber: string; recipientName: string; address: string };

/** Pick the certificates ready for printing; they come back as one PDF with labels and a packing list. */
export function PrintBatchForm({ ready }: { ready: Ready[] }) {
  const [state, formAction, isPending] = useActionState<BatchActionState, FormData>(printBatchAction, null);
  return (
    <section className="card" aria-labelledby="print-heading" data-testid="print-batch">
      <h2 id="print-heading">
        批量打印 <span className="en">Batch printing</span>
      </h2>
      {state?.status === 'ok' && (
        <p className="alert success" role="status">
          批次 <strong className="mono">{state.data.batchNumber}</strong>：{state.data.count} 件已标记为已打印。
          <a className="button small" href={`/api/deliveries/batches/${state.data.batchId}/pdf`} data-testid="batch-pdf-link" download>
            下载批次 PDF / Download batch PDF
          </a>
        </p>
      )}
      {state && state.status !== 'ok' && <p className="field-error" role="alert">{state.message}</p>}
      {ready.length === 0 ? (
        <p className="hint">没有待打印的证件 / Nothing is waiting to be printed.</p>
      ) : (
        <form action={formAction}>
          <fieldset>
            <legend>待打印 {ready.length} 件 <span className="en">{ready.length} ready to print</span></legend>
            <ul className="plain">
              {ready.map((r) => (
                <li key={r.id}>
                  <label>
                    <input type="checkbox" name="dispatchId" value={r.id} aria-label={`选择 ${r.referenceNumber}`} />{' '}
                    <span className="mono">{r.serialNumber}</span> · <span className="mono">{r.referenceNumber}</span> · {r.recipientName}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" disabled={isPending} aria-busy={isPending}>
            打印所选 / Print selected
          </button>
        </form>
      )}
    </section>
  );
}
