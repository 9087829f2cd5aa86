'use client';

import { useActionState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { submitHouseholdTransferAction, type SubmitState } from '../../actions';

type Props = {
  serviceId: string;
  idempotencyKey: string;
  profile: { name: string; idNumberMasked: string; address: string; districtCode: string; phone: string; email: string };
  districts: { code: string; name: string }[];
  reasons: { value: string; zh: string; en: string }[];
  defaultReason: string;
  documents: { kind: string; labelZh: string; labelEn: string; isRequired: boolean }[];
  maxMegabytes: number;
};

export function HouseholdTransferForm({ serviceId, idempotencyKey, profile, districts, reasons, defaultReason, documents, maxMegabytes }: Props) {
  const [state, dispatch, isPending] = useActionState<SubmitState, FormData>(submitHouseholdTransferAction, null);
  const [, startTransition] = useTransition();
  const errors = state?.status === 'invalid' ? (state.fieldErrors ?? {}) : {};
  const invalid = (name: string) => (errors[name] ? true : undefined);

  // Submitting by hand keeps what the citizen typed and chose (a form action would reset the form).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const formData = new FormData(event.currentTarget);
    // A file input left empty posts a nameless empty part; drop it so the server sees "no file".
    for (const [key, value] of [...formData.entries()]) {
      if (value instanceof File && value.size === 0 && value.name === '') formData.delete(key);
    }
    startTransition(() => dispatch(formData));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={state ? 'form-status' : undefined}>
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {state && (
        <div id="form-status" className="alert error" role="alert">
          {state.message}
        </div>
      )}
      <section className="card">
        <h2>申请人 <span className="en">Applicant (from the population registry)</span></h2>
        <dl className="facts">
          <dt>姓名 Name</dt>
          <dd>{profile.name}</dd>
          <dt>公民身份号码 ID No.</dt>
          <dd>{profile.idNumberMasked}</dd>
          <dt>现户籍地址 Current address</dt>
          <dd>{profile.address}</dd>
        </dl>
      </section>

      <section className="card">
        <h2>迁入信息 <span className="en">Where you are moving</span></h2>
        <label htmlFor="toDistrictCode">迁入区 <span className="hint">District</span></label>
        <select id="toDistrictCode" name="toDistrictCode" defaultValue="" aria-invalid={invalid('toDistrictCode')} aria-describedby="toDistrictCode-error">
          <option value="" disabled>请选择 / Choose…</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>{d.name}</option>
          ))}
        </select>
        <FieldError id="toDistrictCode-error" messages={errors.toDistrictCode} />

        <label htmlFor="toAddress">迁入地址 <span className="hint">Full new address: street, number, building, flat</span></label>
        <input id="toAddress" name="toAddress" type="text" autoComplete="street-address" aria-invalid={invalid('toAddress')} aria-describedby="toAddress-error" />
        <FieldError id="toAddress-error" messages={errors.toAddress} />

        <label htmlFor="reason">迁移原因 <span className="hint">Reason</span></label>
        <select id="reason" name="reason" defaultValue={defaultReason} aria-invalid={invalid('reason')} aria-describedby="reason-error">
          {reasons.map((r) => (
            <option key={r.value} value={r.value}>{r.zh} / {r.en}</option>
          ))}
        </select>
        <FieldError id="reason-error" messages={errors.reason} />

        <label htmlFor="employer">就业单位 <span className="hint">Employer (required for graduates)</span></label>
        <input id="employer" name="employer" type="text" autoComplete="organization" aria-invalid={invalid('employer')} aria-describedby="employer-error" />
        <FieldError id="employer-error" messages={errors.employer} />
      </section>

      <section className="card">
        <h2>上传材料 <span className="en">Documents</span></h2>
        <p className="hint">PDF、JPEG 或 PNG，每个不超过 {maxMegabytes} MB。/ PDF, JPEG or PNG, up to {maxMegabytes} MB each.</p>
        {documents.map((doc) => {
          const name = `document.${doc.kind}`;
          return (
            <div key={doc.kind}>
              <label htmlFor={name}>
                {doc.labelZh}
                {doc.isRequired ? '（必传）' : '（选传）'} <span className="hint">{doc.labelEn}{doc.isRequired ? ' (required)' : ' (optional)'}</span>
              </label>
              <input id={name} name={name} type="file" accept="application/pdf,image/jpeg,image/png" aria-invalid={invalid(name)} aria-describedby={`${name}-error`} />
              <FieldError id={`${name}-error`} messages={errors[name]} />
            </div>
          );
        })}
        <FieldError id="documents-error" messages={errors.documents} />
      </section>

      <section className="card">
        <h2>证件邮寄 <span className="en">Mailing the certificate</span></h2>
        <label htmlFor="deliveryAddress">邮寄地址 <span className="hint">Mailing address (pre-filled from the registry; you may change it)</span></label>
        <input id="deliveryAddress" name="deliveryAddress" type="text" defaultValue={profile.address} aria-invalid={invalid('deliveryAddress')} aria-describedby="deliveryAddress-error" />
        <FieldError id="deliveryAddress-error" messages={errors.deliveryAddress} />
        <label htmlFor="contactPhone">收件人手机 <span className="hint">Mobile number for the courier</span></label>
        <input id="contactPhone" name="contactPhone" type="tel" inputMode="numeric" maxLength={11} defaultValue={profile.phone} aria-invalid={invalid('contactPhone')} aria-describedby="contactPhone-error" />
        <FieldError id="contactPhone-error" messages={errors.contactPhone} />
        <label htmlFor="notificationEmail">通知邮箱 <span className="hint">E-mail for updates (optional; we also send SMS)</span></label>
        <input id="notificationEmail" name="notificationEmail" type="email" autoComplete="email" defaultValue={profile.email} aria-invalid={invalid('notificationEmail')} aria-describedby="notificationEmail-error" />
        <FieldError id="notificationEmail-error" messages={errors.notificationEmail} />
      </section>

      <div className="actions">
        <button type="submit" disabled={isPending}>{isPending ? '正在提交… / Submitting…' : '提交申请 / Submit application'}</button>
      </div>
    </form>
  );
}
