'use client';

import { useActionState } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import { searchCafeRegisterAction, type CafeRegisterSearchState } from './actions';

/** The police search: by person or by café; the rows with ID numbers masked. */
export function CafeRegisterSearch() {
  const { t, pick, dateTime } = useTranslator();
  const [state, action, isPending] = useActionState<CafeRegisterSearchState, FormData>(searchCafeRegisterAction, null);

  return (
    <>
      <form action={action} className="card">
        <fieldset>
          <legend>{t('cafe.police.by')}</legend>
          <label>
            <input type="radio" name="by" value="person" defaultChecked /> {t('cafe.police.byPerson')}
          </label>{' '}
          <label>
            <input type="radio" name="by" value="cafe" /> {t('cafe.police.byCafe')}
          </label>
        </fieldset>
        <label htmlFor="cafe-query">{t('cafe.police.query')}</label>
        <input id="cafe-query" name="query" required maxLength={40} aria-describedby="cafe-query-hint" />
        <p id="cafe-query-hint" className="hint">{t('cafe.police.queryHint')}</p>
        <button type="submit" className="primary" disabled={isPending}>
          {isPending ? t('cafe.police.searching') : t('cafe.police.search')}
        </button>
      </form>

      {state && state.status !== 'ok' && (
        <div className="alert error" role="alert">
          {pick(state.message)}
        </div>
      )}
      {state?.status === 'ok' && (
        <section className="card" aria-live="polite">
          {state.data.rows.length === 0 ? (
            <p>{t('cafe.police.none')}</p>
          ) : (
            <>
              <p>{t('cafe.police.results', { count: state.data.rows.length })}</p>
              <table data-testid="cafe-register-results">
                <thead>
                  <tr>
                    <th>{t('cafe.police.columns.cafe')}</th>
                    <th>{t('cafe.police.columns.seat')}</th>
                    <th>{t('cafe.police.columns.name')}</th>
                    <th>{t('cafe.police.columns.idNumber')}</th>
                    <th>{t('cafe.police.columns.checkedInAt')}</th>
                    <th>{t('cafe.police.columns.checkedOutAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.rows.map((row) => (
                    <tr key={row.id}>
                      <td>{row.cafeName}</td>
                      <td>{row.seat}</td>
                      <td>{row.name}</td>
                      <td>{row.idNumberMasked}</td>
                      <td>{dateTime(row.checkedInAt)}</td>
                      <td>{row.checkedOutAt ? dateTime(row.checkedOutAt) : t('cafe.police.stillIn')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </>
  );
}
