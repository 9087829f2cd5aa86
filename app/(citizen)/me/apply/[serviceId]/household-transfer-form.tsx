'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef, useTransition, type FormEvent, type MouseEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { formDataWithoutEmptyFiles } from '@/components/form-data';
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
  const summaryRef = useRef<HTMLDivElement>(null);

  // Field names for the error summary: each links to its field, the message itself stays beside the field.
  const fieldLabels: Record<string, string> = {
    toDistrictCode: '迁入区 / District',
    toAddress: '迁入地址 / New address',
    reason: '迁移原因 / Reason',
    employer: '就业单位 / Employer',
    documents: '上传材料 / Documents',
    deliveryAddress: '邮寄地址 / Mailing address',
    contactPhone: '收件人手机 / Mobile for the courier',
    notificationEmail: '通知邮箱 / E-mail',
    ...Object.fromEntries(documents.map((d) => [`document.${d.kind}`, `${d.labelZh} / ${d.labelEn}`])),
  };
  const fieldOrder = ['toDistrictCode', 'toAddress', 'reason', 'employer', ...documents.map((d) => `document.${d.kind}`), 'documents', 'deliveryAddress', 'contactPhone', 'notificationEmail'];
  const invalidFields = [...fieldOrder.filter((f) => errors[f]), ...Object.keys(errors).filter((f) => errors[f] && !fieldOrder.includes(f))];

  // After a failed submit, move the reader to the summary so they learn at once what to fix.
  useEffect(() => {
    if (state) summaryRef.current?.focus();
  }, [state]);

  function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
    const target = document.getElementById(name === 'documents' ? `document.${documents[0]?.kind}` : name);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus();
  }

  // Submitting by hand keeps what the citizen typed and chose (a form action would reset the form).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) return;
    const formData = formDataWithoutEmptyFiles(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={state ? 'form-status' : undefined}>
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {state && (
        <div id="form-status" className="alert error error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h2>{state.message}</h2>
          {invalidFields.length > 0 && (
            <ul>
              {invalidFields.map((f) => (
                <li key={f}>
                  <a href={`#${f === 'documents' ? `document.${documents[0]?.kind}` : f}`} onClick={(e) => focusField(e, f)}>
                    {fieldLabels[f] ?? f}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <section className="card">
        <h2>申请人 <span className="en">Applicant</span></h2>
        <p className="hint">以下信息来自人口信息库，无需填写。/ Taken from the population registry; nothing to fill in.</p>
        <dl className="facts">
          <dt>姓名 Name</dt>
          <dd>{profile.name}</dd>
          <dt>公民身份号码 ID No.</dt>
          <dd className="mono">{profile.idNumberMasked}</dd>
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
        <label htmlFor="notificationEmail">通知邮箱 <span className="optional">（选填）</span> <span className="hint">E-mail for updates (optional; we also send SMS)</span></label>
        <input id="notificationEmail" name="notificationEmail" type="email" autoComplete="email" defaultValue={profile.email} aria-invalid={invalid('notificationEmail')} aria-describedby="notificationEmail-error" />
        <FieldError id="notificationEmail-error" messages={errors.notificationEmail} />
      </section>

      <p className="declaration">
        提交即表示您确认所填信息和上传材料真实、有效。提供虚假材料将承担相应法律责任。
        <span className="en"> By submitting you confirm that the information and documents are true. False documents carry legal consequences.</span>
      </p>
      <div className="actions">
        <button type="submit" disabled={isPending} aria-busy={isPending}>{isPending ? '正在提交… / Submitting…' : '提交申请 / Submit application'}</button>
        <Link className="button secondary" href="/me/apply">取消 / Cancel</Link>
      </div>
    </form>
  );
}
