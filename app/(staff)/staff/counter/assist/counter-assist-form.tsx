'use client';

import { startTransition, useActionState, useId, useState, type FormEvent } from 'react';
import { formDataWithoutEmptyFiles } from '@/components/form-data';
import { ServiceFieldControl } from '@/components/service-field-control';
import { useTranslator } from '@/lib/i18n/client';
import type { FieldDefinition } from '@/lib/services/fields';
import { fileApplicationAtCounterAction, identifyCitizenAtCounterAction, type CounterFilingState, type CounterScanState } from './actions';

type Text = { zh: string; en: string };
export type AssistService = {
  id: string;
  name: Text;
  fields: FieldDefinition[];
  documents: { kind: string; label: Text; isRequired: boolean }[];
  deliveryOptions: readonly ('mail' | 'counter')[];
};

/** Scan the citizen's wallet QR, then file one of the services their e-ID level allows on their behalf. */
export function CounterAssistForm({ services, districts }: { services: AssistService[]; districts: { code: string; name: string }[] }) {
  const { t, pick, label } = useTranslator();
  const [scan, scanAction, isScanning] = useActionState<CounterScanState, FormData>(identifyCitizenAtCounterAction, null);
  const [filing, fileAction, isFiling] = useActionState<CounterFilingState, FormData>(fileApplicationAtCounterAction, null);
  const [serviceId, setServiceId] = useState('');
  const [delivery, setDelivery] = useState<'mail' | 'counter'>('counter');
  const id = useId();
  const citizen = scan?.status === 'ok' ? scan.data : null;
  const allowed = citizen ? services.filter((s) => citizen.serviceIds.includes(s.id)) : [];
  const service = allowed.find((s) => s.id === serviceId);
  const fieldErrors = filing && filing.status === 'invalid' ? (filing.fieldErrors ?? {}) : {};
  const errorOf = (name: string) => fieldErrors[name]?.map((m) => pick(m)).join(' ');

  // Submitted by hand so that React keeps what was typed after a refused filing.
  const submitFiling = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = formDataWithoutEmptyFiles(event.currentTarget);
    startTransition(() => fileAction(data));
  };

  if (filing?.status === 'ok') {
    return (
      <section className="card">
        <p className="alert success" role="status" data-testid="counter-filed">
          {t(filing.data.isDuplicate ? 'staff.counterAssist.form.duplicate' : 'staff.counterAssist.form.filed', { reference: filing.data.referenceNumber })}
        </p>
        <a href="/staff/counter/assist">{t('staff.counterAssist.form.scanAnother')}</a>
      </section>
    );
  }

  return (
    <>
      {!citizen && (
        <section className="card" aria-labelledby={`${id}-scan`}>
          <h2 id={`${id}-scan`}>{t('staff.counterAssist.form.scanHeading')}</h2>
          <form action={scanAction} autoComplete="off">
            <label htmlFor={`${id}-qr`}>{t('staff.counterAssist.form.scanLabel')}</label>
            <input id={`${id}-qr`} name="identityQr" type="text" className="mono" required spellCheck={false} aria-describedby={`${id}-qr-hint`} />
            <p id={`${id}-qr-hint`} className="hint">{t('staff.counterAssist.form.scanHint')}</p>
            <button type="submit" disabled={isScanning}>{t('staff.counterAssist.form.scan')}</button>
          </form>
          {scan && scan.status !== 'ok' && <p className="field-error" role="alert">{pick(scan.message)}</p>}
        </section>
      )}
      {citizen && (
        <section className="card" aria-labelledby={`${id}-citizen`}>
          <h2 id={`${id}-citizen`}>{t('staff.counterAssist.form.citizenHeading')}</h2>
          <dl className="facts" data-testid="counter-citizen">
            <dt>{t('staff.counterAssist.form.name')}</dt>
            <dd>{citizen.name}</dd>
            <dt>{t('staff.counterAssist.form.idNumber')}</dt>
            <dd className="mono">{citizen.idNumberMasked}</dd>
            <dt>{t('staff.counterAssist.form.level')}</dt>
            <dd>{t('staff.counterAssist.form.levelValue', { level: citizen.assuranceLevel })}</dd>
          </dl>
          <p className="hint">{t('staff.counterAssist.form.passExpires', { time: new Date(citizen.passExpiresAt).toLocaleTimeString() })}</p>
          {allowed.length === 0 ? (
            <p>{t('staff.counterAssist.form.noServices')}</p>
          ) : (
            <form action={fileAction} onSubmit={submitFiling} autoComplete="off" encType="multipart/form-data">
              <input type="hidden" name="assistPass" value={citizen.assistPass} />
              <input type="hidden" name="idempotencyKey" value={citizen.idempotencyKey} />
              <label htmlFor={`${id}-service`}>{t('staff.counterAssist.form.service')}</label>
              <select id={`${id}-service`} name="serviceId" value={serviceId} onChange={(e) => setServiceId(e.target.value)} required>
                <option value="">{t('staff.counterAssist.form.choose')}</option>
                {allowed.map((s) => (
                  <option key={s.id} value={s.id}>{label(s.name)}</option>
                ))}
              </select>
              {service && (
                <>
                  {service.fields.map((field) => (
                    <ServiceFieldInput key={`${service.id}-${field.name}`} field={field} districts={districts} error={errorOf(field.name)} />
                  ))}
                  <fieldset>
                    <legend>{t('staff.counterAssist.form.documentsHeading')}</legend>
                    {service.documents.map((d) => (
                      <div key={d.kind}>
                        <label htmlFor={`${id}-doc-${d.kind}`}>{label(d.label)}</label>
                        <input id={`${id}-doc-${d.kind}`} type="file" name={`document.${d.kind}`} accept="image/jpeg,image/png,application/pdf" required={d.isRequired} />
                        {errorOf(`document.${d.kind}`) && <p className="field-error">{errorOf(`document.${d.kind}`)}</p>}
                      </div>
                    ))}
                  </fieldset>
                  <fieldset>
                    <legend>{t('staff.counterAssist.form.deliveryMethod')}</legend>
                    {service.deliveryOptions.map((option) => (
                      <label key={option} className="inline">
                        <input type="radio" name="deliveryMethod" value={option} checked={delivery === option} onChange={() => setDelivery(option)} />
                        {t(option === 'mail' ? 'staff.counterAssist.form.deliveryMail' : 'staff.counterAssist.form.deliveryCounter')}
                      </label>
                    ))}
                  </fieldset>
                  {delivery === 'mail' && (
                    <>
                      <label htmlFor={`${id}-ddistrict`}>{t('staff.counterAssist.form.deliveryDistrict')}</label>
                      <select id={`${id}-ddistrict`} name="deliveryDistrictCode" required>
                        {districts.map((d) => (
                          <option key={d.code} value={d.code}>{d.name}</option>
                        ))}
                      </select>
                      <label htmlFor={`${id}-dstreet`}>{t('staff.counterAssist.form.deliveryStreet')}</label>
                      <input id={`${id}-dstreet`} name="deliveryStreet" type="text" required />
                      {errorOf('deliveryStreet') && <p className="field-error">{errorOf('deliveryStreet')}</p>}
                    </>
                  )}
                  <label htmlFor={`${id}-phone`}>{t('staff.counterAssist.form.contactPhone')}</label>
                  <input id={`${id}-phone`} name="contactPhone" type="tel" inputMode="numeric" required pattern="1[0-9]{10}" />
                  {errorOf('contactPhone') && <p className="field-error">{errorOf('contactPhone')}</p>}
                  <label htmlFor={`${id}-email`}>{t('staff.counterAssist.form.notificationEmail')}</label>
                  <input id={`${id}-email`} name="notificationEmail" type="email" />
                  <button type="submit" disabled={isFiling}>{t(isFiling ? 'staff.counterAssist.form.submitting' : 'staff.counterAssist.form.submit')}</button>
                </>
              )}
            </form>
          )}
          {filing && <p className="field-error" role="alert">{pick(filing.message)}</p>}
        </section>
      )}
    </>
  );
}

/** One of the service's fields, drawn as the citizen's wizard draws it (components/service-field-control.tsx). */
function ServiceFieldInput({ field, districts, error }: { field: FieldDefinition; districts: { code: string; name: string }[]; error?: string }) {
  const { t, label } = useTranslator();
  const inputId = useId();
  const name = label({ zh: field.labelZh, en: field.labelEn });
  const hint = field.hintZh && field.hintEn ? label({ zh: field.hintZh, en: field.hintEn }) : null;
  return (
    <div>
      <label htmlFor={inputId}>{name}</label>
      <ServiceFieldControl
        field={field}
        inputProps={{ id: inputId, name: field.name, 'aria-invalid': error ? true : undefined }}
        districts={districts}
        label={label}
        texts={{ choose: t('services.choose'), noRecords: t('services.noRecords') }}
      />
      {hint && <p className="hint">{hint}</p>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
