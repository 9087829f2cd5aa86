import { isAlwaysRequired, type FieldDefinition } from '@/lib/services/fields';

// One way to render a service's field by its kind: the citizen's wizard, the counter's assisted filing
// and the designer's preview all draw their inputs here, from the same definitions
// (lib/services/fields.ts), so a field looks and behaves the same wherever it is filled in.

type Text = { zh: string; en: string };
export type FieldOption = { value: string; text: string };

type Props = {
  field: FieldDefinition;
  /** The input's id and name, aria attributes included (the caller's label points at the id). */
  inputProps: { id: string; name: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };
  /** Given: a controlled input (the wizard). Absent: the browser keeps the value (a plain form post). */
  value?: string;
  onChange?: (value: string) => void;
  districts: readonly { code: string; name: string }[];
  /** The applicant's own records, for registry fields; absent where nobody's records are at hand. */
  registryOptions?: { vehicle: FieldOption[]; violation: FieldOption[] };
  label: (text: Text) => string;
  texts: { choose: string; noRecords: string };
};

export function ServiceFieldControl({ field, inputProps, value, onChange, districts, registryOptions, label, texts }: Props) {
  const required = isAlwaysRequired(field);
  const controlled = onChange ? { value: value ?? '', onChange: (e: { target: { value: string } }) => onChange(e.target.value) } : { defaultValue: value };
  const choice = (options: readonly FieldOption[]) => (
    <select {...inputProps} {...controlled} required={required}>
      <option value="">{texts.choose}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.text}
        </option>
      ))}
    </select>
  );
  switch (field.kind) {
    case 'select':
      return choice(field.options.map((o) => ({ value: o.value, text: label(o) })));
    case 'district':
      return choice(districts.map((d) => ({ value: d.code, text: d.name })));
    case 'registry': {
      const options = registryOptions?.[field.source] ?? [];
      return options.length === 0 ? (
        <p className="hint" id={inputProps.id}>
          {texts.noRecords}
        </p>
      ) : (
        choice(options)
      );
    }
    case 'date':
      return <input {...inputProps} {...controlled} type="date" required={required} />;
    default:
      return (
        <input
          {...inputProps}
          {...controlled}
          type="text"
          required={required}
          autoComplete={field.kind === 'address' ? 'street-address' : 'off'}
        />
      );
  }
}
