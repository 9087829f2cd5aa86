'use client';

import { useId, useState } from 'react';
import { ServiceFieldControl } from '@/components/service-field-control';
import { useTranslator } from '@/lib/i18n/client';
import type { ServiceInput } from '@/lib/services/catalog';
import type { FieldDefinition } from '@/lib/services/fields';

type Lang = 'zh' | 'en';

/**
 * The service as a citizen will see it, in either language, drawn with the wizard's own field control
 * (components/service-field-control.tsx): the name, what it is for, who may apply, the form's fields
 * and the documents to upload. It follows every keystroke of the designer.
 */
export function ServicePreview({ draft, districts }: { draft: ServiceInput; districts: readonly { code: string; name: string }[] }) {
  const { t, locale } = useTranslator();
  const [lang, setLang] = useState<Lang>(locale === 'en' ? 'en' : 'zh');
  const id = useId();
  const text = (value: { zh: string; en: string }) => value[lang] || t('staff.catalogue.designer.untitled');
  const fields = draft.fields as FieldDefinition[];
  return (
    <section className="card designer-preview" aria-labelledby={`${id}-heading`} data-testid="designer-preview">
      <h2 id={`${id}-heading`}>{t('staff.catalogue.designer.preview')}</h2>
      <div role="group" aria-label={t('staff.catalogue.designer.previewLang')} className="actions">
        {(['zh', 'en'] as const).map((option) => (
          <button key={option} type="button" className={option === lang ? '' : 'secondary'} aria-pressed={option === lang} onClick={() => setLang(option)}>
            {option === 'zh' ? '中文' : 'English'}
          </button>
        ))}
      </div>
      <div lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <h3 data-testid="preview-name">{text({ zh: draft.nameZh, en: draft.nameEn })}</h3>
        <p>{text({ zh: draft.summaryZh, en: draft.summaryEn })}</p>
        <p className="hint">{text({ zh: draft.eligibilityZh, en: draft.eligibilityEn })}</p>
        <p className="hint" lang={locale}>
          {t('staff.catalogue.designer.previewFacts', { level: draft.requiredAssuranceLevel, days: Number.isFinite(draft.deadlineWorkingDays) ? draft.deadlineWorkingDays : 0 })}
        </p>
        <form method="post" onSubmit={(e) => e.preventDefault()} aria-label={t('staff.catalogue.designer.preview')}>
          {fields.map((field, i) => {
            const inputId = `${id}-field-${i}`;
            const hint = lang === 'zh' ? field.hintZh : field.hintEn;
            return (
              <div key={i} className="field">
                <label htmlFor={inputId}>
                  {text({ zh: field.labelZh, en: field.labelEn })}
                  {hint && <span className="hint"> {hint}</span>}
                </label>
                <ServiceFieldControl
                  field={field}
                  inputProps={{ id: inputId, name: field.name || `field-${i}` }}
                  districts={districts}
                  registryOptions={{ vehicle: [], violation: [] }}
                  label={text}
                  texts={{ choose: t('services.choose'), noRecords: t('services.noRecords') }}
                />
              </div>
            );
          })}
        </form>
        <h3 lang={locale}>{t('staff.catalogue.designer.previewDocuments')}</h3>
        <ul>
          {draft.documents.map((document, i) => (
            <li key={i}>
              {text({ zh: document.labelZh, en: document.labelEn })}
              {!document.isRequired && <span lang={locale}> {t('staff.catalogue.designer.previewOptional')}</span>}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
