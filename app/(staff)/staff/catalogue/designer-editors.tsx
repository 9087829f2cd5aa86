'use client';

import { useTranslator } from '@/lib/i18n/client';
import { DOCUMENT_TYPES, FIELD_KINDS, withKind } from '@/lib/services/designer-model';
import { DOCUMENT_TYPE_NAMES, type DocumentDefinition, type FieldDefinition } from '@/lib/services/fields';
import { CheckboxGroup, CheckboxInput, type Errors, inputIdOf, ItemButtons, NumberInput, SelectInput, TextInput } from './designer-inputs';

// One form field and one required document, as the designer edits them.

/** The up, down and remove buttons' words for one item (a field or a document). */
function itemButtonTexts(t: ReturnType<typeof useTranslator>['t'], item: string) {
  return { up: t('staff.catalogue.designer.moveUp', { item }), down: t('staff.catalogue.designer.moveDown', { item }), remove: t('staff.catalogue.designer.remove', { item }) };
}

type ListProps = { index: number; count: number; errors: Errors; onMove: (to: number) => void; onRemove: () => void };

export function FieldEditor({ field, others, onChange, index, count, errors, onMove, onRemove }: ListProps & { field: FieldDefinition; others: readonly FieldDefinition[]; onChange: (field: FieldDefinition) => void }) {
  const { t, pick } = useTranslator();
  const at = `fields.${index}`;
  const item = t('staff.catalogue.designer.field', { n: index + 1 });
  const common = { errors, pick };
  const set = (patch: Partial<FieldDefinition>) => onChange({ ...field, ...patch } as FieldDefinition);
  const optional = (value: string) => (value === '' ? undefined : value);
  return (
    <fieldset className="card" data-testid={`designer-field-${index}`}>
      <legend className="field-legend">{item}</legend>
      <SelectInput
        {...common}
        path={`${at}.kind`}
        label={t('staff.catalogue.designer.fieldKind')}
        value={field.kind}
        options={FIELD_KINDS.map((kind) => ({ value: kind, text: t(`staff.catalogue.designer.kinds.${kind}`) }))}
        onChange={(kind) => onChange(withKind(field, kind))}
      />
      <TextInput {...common} path={`${at}.name`} label={t('staff.catalogue.designer.fieldName')} hint={t('staff.catalogue.designer.fieldNameHint')} value={field.name} onChange={(name) => set({ name })} />
      <TextInput {...common} path={`${at}.labelZh`} label={t('staff.catalogue.designer.labelZh')} value={field.labelZh} onChange={(labelZh) => set({ labelZh })} />
      <TextInput {...common} path={`${at}.labelEn`} label={t('staff.catalogue.designer.labelEn')} value={field.labelEn} onChange={(labelEn) => set({ labelEn })} />
      <TextInput {...common} path={`${at}.hintZh`} label={t('staff.catalogue.designer.hintZh')} value={field.hintZh ?? ''} onChange={(hint) => set({ hintZh: optional(hint) })} />
      <TextInput {...common} path={`${at}.hintEn`} label={t('staff.catalogue.designer.hintEn')} value={field.hintEn ?? ''} onChange={(hint) => set({ hintEn: optional(hint) })} />
      <CheckboxInput path={`${at}.isRequired`} label={t('staff.catalogue.designer.required')} checked={field.isRequired} onChange={(isRequired) => set({ isRequired, requiredWhen: isRequired ? undefined : field.requiredWhen })} />
      {!field.isRequired && <RequiredWhenEditor at={at} field={field} others={others} errors={errors} onChange={(requiredWhen) => set({ requiredWhen })} />}
      {field.kind === 'text' && (
        <div className="field-row">
          <NumberInput {...common} path={`${at}.minLength`} label={t('staff.catalogue.designer.minLength')} min={0} max={500} value={field.minLength} onChange={(minLength) => onChange({ ...field, minLength })} />
          <NumberInput {...common} path={`${at}.maxLength`} label={t('staff.catalogue.designer.maxLength')} min={1} max={500} value={field.maxLength} onChange={(maxLength) => onChange({ ...field, maxLength })} />
        </div>
      )}
      {field.kind === 'select' && (
        <fieldset id={inputIdOf(`${at}.options`)}>
          <legend className="field-legend">{t('staff.catalogue.designer.options')}</legend>
          {field.options.map((option, i) => {
            const setOption = (patch: Partial<typeof option>) => onChange({ ...field, options: field.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
            return (
              <div key={i} className="field-row" data-testid={`designer-field-${index}-option-${i}`}>
                <TextInput {...common} path={`${at}.options.${i}.value`} label={t('staff.catalogue.designer.optionValue', { n: i + 1 })} value={option.value} onChange={(value) => setOption({ value })} />
                <TextInput {...common} path={`${at}.options.${i}.zh`} label={t('staff.catalogue.designer.optionZh', { n: i + 1 })} value={option.zh} onChange={(zh) => setOption({ zh })} />
                <TextInput {...common} path={`${at}.options.${i}.en`} label={t('staff.catalogue.designer.optionEn', { n: i + 1 })} value={option.en} onChange={(en) => setOption({ en })} />
                <button type="button" className="secondary" disabled={field.options.length === 1} onClick={() => onChange({ ...field, options: field.options.filter((_, j) => j !== i) })}>
                  {t('staff.catalogue.designer.removeOption', { n: i + 1 })}
                </button>
              </div>
            );
          })}
          <button type="button" className="secondary" onClick={() => onChange({ ...field, options: [...field.options, { value: '', zh: '', en: '' }] })}>
            {t('staff.catalogue.designer.addOption')}
          </button>
        </fieldset>
      )}
      {field.kind === 'date' && (
        <CheckboxInput path={`${at}.notAfterToday`} label={t('staff.catalogue.designer.notAfterToday')} checked={field.notAfterToday} onChange={(notAfterToday) => onChange({ ...field, notAfterToday })} />
      )}
      {field.kind === 'registry' && (
        <SelectInput
          {...common}
          path={`${at}.source`}
          label={t('staff.catalogue.designer.source')}
          value={field.source}
          options={(['vehicle', 'violation'] as const).map((source) => ({ value: source, text: t(`staff.catalogue.designer.sources.${source}`) }))}
          onChange={(source) => onChange({ ...field, source })}
        />
      )}
      <ItemButtons
        index={index}
        count={count}
        texts={itemButtonTexts(t, item)}
        onMove={onMove}
        onRemove={onRemove}
      />
    </fieldset>
  );
}

/** An optional field that becomes required when another field has a given value (the employer, for a graduate). */
function RequiredWhenEditor({ at, field, others, errors, onChange }: { at: string; field: FieldDefinition; others: readonly FieldDefinition[]; errors: Errors; onChange: (requiredWhen: FieldDefinition['requiredWhen']) => void }) {
  const { t, pick, label } = useTranslator();
  const common = { errors, pick };
  const condition = field.requiredWhen;
  const on = others.find((o) => o.name === condition?.field);
  return (
    <div className="field-row">
      <SelectInput
        {...common}
        path={`${at}.requiredWhen.field`}
        label={t('staff.catalogue.designer.requiredWhen')}
        value={condition?.field ?? ''}
        options={[{ value: '', text: t('staff.catalogue.designer.requiredNever') }, ...others.filter((o) => o.name).map((o) => ({ value: o.name, text: label({ zh: o.labelZh || o.name, en: o.labelEn || o.name }) }))]}
        onChange={(name) => onChange(name ? { field: name, equals: '' } : undefined)}
      />
      {condition &&
        (on?.kind === 'select' ? (
          <SelectInput
            {...common}
            path={`${at}.requiredWhen.equals`}
            label={t('staff.catalogue.designer.requiredEquals')}
            value={condition.equals}
            options={[{ value: '', text: t('services.choose') }, ...on.options.map((o) => ({ value: o.value, text: label(o) }))]}
            onChange={(equals) => onChange({ ...condition, equals })}
          />
        ) : (
          <TextInput {...common} path={`${at}.requiredWhen.equals`} label={t('staff.catalogue.designer.requiredEquals')} value={condition.equals} onChange={(equals) => onChange({ ...condition, equals })} />
        ))}
    </div>
  );
}

export function DocumentEditor({ document, onChange, index, count, errors, onMove, onRemove }: ListProps & { document: DocumentDefinition; onChange: (document: DocumentDefinition) => void }) {
  const { t, pick } = useTranslator();
  const at = `documents.${index}`;
  const item = t('staff.catalogue.designer.document', { n: index + 1 });
  const common = { errors, pick };
  const set = (patch: Partial<DocumentDefinition>) => onChange({ ...document, ...patch });
  return (
    <fieldset className="card" data-testid={`designer-document-${index}`}>
      <legend className="field-legend">{item}</legend>
      <TextInput {...common} path={`${at}.kind`} label={t('staff.catalogue.designer.documentKind')} hint={t('staff.catalogue.designer.documentKindHint')} value={document.kind} onChange={(kind) => set({ kind })} />
      <TextInput {...common} path={`${at}.labelZh`} label={t('staff.catalogue.designer.labelZh')} value={document.labelZh} onChange={(labelZh) => set({ labelZh })} />
      <TextInput {...common} path={`${at}.labelEn`} label={t('staff.catalogue.designer.labelEn')} value={document.labelEn} onChange={(labelEn) => set({ labelEn })} />
      <CheckboxInput path={`${at}.isRequired`} label={t('staff.catalogue.designer.documentRequired')} checked={document.isRequired} onChange={(isRequired) => set({ isRequired })} />
      <CheckboxGroup
        {...common}
        path={`${at}.acceptedTypes`}
        legend={t('staff.catalogue.designer.types')}
        values={document.acceptedTypes}
        options={DOCUMENT_TYPES.map((type) => ({ value: type, text: DOCUMENT_TYPE_NAMES[type] }))}
        onChange={(acceptedTypes) => set({ acceptedTypes })}
      />
      <div className="field-row">
        <NumberInput {...common} path={`${at}.maxMegabytes`} label={t('staff.catalogue.designer.maxMegabytes')} min={1} max={10} value={document.maxMegabytes} onChange={(maxMegabytes) => set({ maxMegabytes })} />
        <NumberInput {...common} path={`${at}.maxCount`} label={t('staff.catalogue.designer.maxCount')} min={1} max={5} value={document.maxCount} onChange={(maxCount) => set({ maxCount })} />
      </div>
      <ItemButtons
        index={index}
        count={count}
        texts={itemButtonTexts(t, item)}
        onMove={onMove}
        onRemove={onRemove}
      />
    </fieldset>
  );
}
