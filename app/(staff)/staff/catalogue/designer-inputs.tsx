'use client';

import type { ReactNode } from 'react';
import { FieldError } from '@/components/field-error';

// The designer's inputs: each is named after the path of the definition it edits (e.g.
// `fields.2.labelEn`), which is also the key the server's field errors come back under
// (lib/services/publish-service.ts), so an error is shown at the input it is about.

export type Errors = Record<string, string[] | undefined>;
export const inputIdOf = (path: string) => `svc-${path.replace(/\./g, '-')}`;

type Common = { path: string; label: string; hint?: string; errors: Errors; pick: (message: string) => string };

function Described({ path, hint, errors, pick, children }: Omit<Common, 'label'> & { children: ReactNode }) {
  const id = inputIdOf(path);
  return (
    <>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} messages={errors[path]?.map(pick)} />
    </>
  );
}

function aria(path: string, hint: string | undefined, errors: Errors) {
  const id = inputIdOf(path);
  return {
    id,
    'aria-invalid': errors[path]?.length ? true : undefined,
    'aria-describedby': [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '),
  };
}

export function TextInput({ value, onChange, multiline, readOnly, ...common }: Common & { value: string; onChange: (value: string) => void; multiline?: boolean; readOnly?: boolean }) {
  const props = { ...aria(common.path, common.hint, common.errors), value, readOnly, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <div className="field">
      <label htmlFor={props.id}>{common.label}</label>
      <Described {...common}>{multiline ? <textarea rows={2} {...props} /> : <input type="text" autoComplete="off" spellCheck={false} {...props} />}</Described>
    </div>
  );
}

export function NumberInput({ value, onChange, min, max, ...common }: Common & { value: number; onChange: (value: number) => void; min: number; max: number }) {
  const props = aria(common.path, common.hint, common.errors);
  return (
    <div className="field">
      <label htmlFor={props.id}>{common.label}</label>
      <Described {...common}>
        <input
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          {...props}
          value={Number.isFinite(value) ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
      </Described>
    </div>
  );
}

export function SelectInput<V extends string>({ value, onChange, options, ...common }: Common & { value: V; onChange: (value: V) => void; options: readonly { value: V; text: string }[] }) {
  const props = aria(common.path, common.hint, common.errors);
  return (
    <div className="field">
      <label htmlFor={props.id}>{common.label}</label>
      <Described {...common}>
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      </Described>
    </div>
  );
}

export function CheckboxInput({ path, label, checked, onChange }: { path: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="choice">
      <input type="checkbox" id={inputIdOf(path)} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** A group of checkboxes for one list value (delivery options, accepted file types). */
export function CheckboxGroup<V extends string>({ legend, values, options, onChange, ...common }: Omit<Common, 'label'> & { legend: string; values: readonly V[]; options: readonly { value: V; text: string }[]; onChange: (values: V[]) => void }) {
  const id = inputIdOf(common.path);
  return (
    <fieldset id={id} aria-describedby={`${id}-error`}>
      <legend className="field-legend">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="checkbox"
            checked={values.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? options.map((x) => x.value).filter((v) => v === o.value || values.includes(v)) : values.filter((v) => v !== o.value))}
          />
          <span>{o.text}</span>
        </label>
      ))}
      <FieldError id={`${id}-error`} messages={common.errors[common.path]?.map(common.pick)} />
    </fieldset>
  );
}

/** Move up, move down and remove, for one item of a list the designer edits. */
export function ItemButtons({ index, count, texts, onMove, onRemove }: { index: number; count: number; texts: { up: string; down: string; remove: string }; onMove: (to: number) => void; onRemove: () => void }) {
  return (
    <div className="actions">
      <button type="button" className="secondary" disabled={index === 0} onClick={() => onMove(index - 1)}>
        {texts.up}
      </button>
      <button type="button" className="secondary" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        {texts.down}
      </button>
      <button type="button" className="secondary" disabled={count === 1} onClick={onRemove}>
        {texts.remove}
      </button>
    </div>
  );
}
