'use client';

import { useActionState } from 'react';
import { importManifestAction, type ManifestActionState } from './actions';

/** Upload a courier's CSV manifest of tracking events; a bad line refuses the whole file. */
export function ManifestImportForm() {
  const [state, formAction, isPending] = useActionState<ManifestActionState, FormData>(importManifestAction, null);
  const lines = state && state.status === 'invalid' ? (state.fieldErrors?.lines ?? []) : [];
  return (
    <section className="card" aria-labelledby="manifest-heading">
      <h2 id="manifest-heading">
        导入快递清单 <span className="en">Import a courier manifest (CSV)</span>
      </h2>
      <p className="hint">
        列 / Columns: <code>courier,tracking_number,event_id,status,occurred_at,signed_by,reason</code>；status 为 in_transit、delivered 或 returned。
      </p>
      <form action={formAction}>
        <label htmlFor="manifest-file">CSV 文件 <span className="hint" style={{ display: 'inline' }}>File</span></label>
        <input id="manifest-file" name="manifest" type="file" accept=".csv,text/csv" required />
        <button type="submit" className="secondary small" disabled={isPending}>导入 / Import</button>
      </form>
      {state?.status === 'ok' && <p className="alert success" role="status">{state.data.message}</p>}
      {state && state.status !== 'ok' && (
        <div className="field-error" role="alert" data-testid="manifest-errors">
          <p>{state.message}</p>
          {lines.length > 0 && <ul>{lines.map((l) => <li key={l}>{l}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}
