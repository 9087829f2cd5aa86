import type { Locale } from '@/lib/i18n/config';
import { pickLabel } from '@/lib/i18n/translate';
import type { DisplayedField } from '@/lib/services/form-display';

/**
 * A service's fields as <dt>/<dd> pairs inside a <dl>, from describeFormValues (lib/services/form-display.ts):
 * the one way a field is shown by its kind, on the wizard's review step, the case page and the status page.
 * No hooks, so both server and client components render it.
 */
export function FormValueRows({ rows, locale, empty = '—' }: { rows: readonly DisplayedField[]; locale: Locale; empty?: string }) {
  return rows.map((row) => (
    <div key={row.name} style={{ display: 'contents' }}>
      <dt>{pickLabel(row.label, locale)}</dt>
      <dd>{row.value ? pickLabel(row.value, locale) : empty}</dd>
    </div>
  ));
}
