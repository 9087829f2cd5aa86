'use client';

import { Link } from '@/components/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { FormValueRows } from '@/components/form-value-rows';
import { ServiceFieldControl } from '@/components/service-field-control';
import { formDataWithoutEmptyFiles } from '@/components/form-data';
import { isSignedOutResult, signInAgainPath } from '@/lib/auth/signed-out';
import { useTranslator } from '@/lib/i18n/client';
import type { ServiceDefinition } from '@/lib/services/catalog';
import type { FieldDefinition } from '@/lib/services/fields';
import { describeFormValues } from '@/lib/services/form-display';
import { WIZARD_STEPS, type WizardStep } from '@/lib/services/form-schema';
import { checkDocumentsAction, checkStepAction, saveDraftAction, submitApplicationAction, type SubmitState } from '../../actions';
import { DocumentUploadField, type KeptFile } from './document-upload-field';

type Option = { value: string; text: string };
type Props = {
  service: ServiceDefinition;
  initialValues: Record<string, string>;
  initialStep: WizardStep;
  idempotencyKey: string;
  /** Files already kept with the draft (from this or another device). */
  initialDocuments: KeptFile[];
  profile: { name: string; idNumberMasked: string; address: string; householdNumber: string; licence: { licenceClass: string; validUntil: string; points: number } | null };
  registryOptions: { vehicle: Option[]; violation: Option[] };
  districts: { code: string; name: string }[];
};

const AUTOSAVE_DELAY_MS = 800;

export function ApplicationWizard({ service, initialValues, initialStep, idempotencyKey: initialKey, initialDocuments, profile, registryOptions, districts }: Props) {
  const { t, label, pick, date, dateTime, locale } = useTranslator();
  const [step, setStep] = useState<WizardStep>(initialStep);
  const [values, setValues] = useState<Record<string, string>>(initialValues);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [keptFiles, setKeptFiles] = useState<KeptFile[]>(initialDocuments);
  // Uploads still running: Next on the documents step waits for them before it checks the step.
  const uploadsInFlight = useRef(new Set<Promise<void>>());
  const [announcement, setAnnouncement] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(initialKey);
  const [saveState, setSaveState] = useState<{ kind: 'idle' | 'saving' | 'saved'; at?: string }>({ kind: 'idle' });
  const [isChecking, startChecking] = useTransition();
  const [submitState, setSubmitState] = useState<SubmitState>(null);
  const [isSubmitting, startSubmit] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const isFirstRender = useRef(true);
  // Once the citizen submits, no autosave may follow (it would bring back the draft the submit removes).
  const isSubmitStarted = useRef(false);
  const stepIndex = WIZARD_STEPS.indexOf(step);
  const router = useRouter();

  // The session has ended (idle timeout, signed out elsewhere): not a form error. The draft and its
  // files are on the server; the citizen signs in and comes back here, to the draft.
  function signInAgain() {
    router.replace(signInAgainPath(window.location.pathname));
  }

  // Once the draft has its key, the address carries it, so the browser's Back to this page after the
  // submit can be recognised by the server (which then shows the application, not a blank form).
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.get('draft') === idempotencyKey) return;
    url.searchParams.set('draft', idempotencyKey);
    window.history.replaceState(window.history.state, '', url);
  }, [idempotencyKey]);

  // Autosave: every change, after a pause in typing, goes to the server as the draft.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    if (isSubmitStarted.current) return;
    setSaveState({ kind: 'saving' });
    const timer = setTimeout(async () => {
      if (isSubmitStarted.current) return;
      const result = await saveDraftAction({ serviceId: service.id, step, values, idempotencyKey });
      if (isSignedOutResult(result)) return signInAgain();
      if (result.status === 'ok') {
        setIdempotencyKey(result.data.idempotencyKey);
        setSaveState({ kind: 'saved', at: result.data.savedAt });
      } else setSaveState({ kind: 'idle' });
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // The key is not a dependency: it changes only as a result of a save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, step, service.id]);

  const hasErrors = Object.values(errors).some((m) => m && m.length > 0);
  useEffect(() => {
    if (hasErrors) summaryRef.current?.focus();
  }, [hasErrors, errors]);

  // After a step change, the new step's heading takes the focus (once it is rendered), so a screen
  // reader announces where the citizen is and Tab continues from the top of the step.
  const focusHeadingOnStep = useRef(false);
  useEffect(() => {
    if (!focusHeadingOnStep.current) return;
    focusHeadingOnStep.current = false;
    document.getElementById(`step-${step}`)?.focus();
  }, [step]);

  function goTo(next: WizardStep) {
    setErrors({});
    focusHeadingOnStep.current = true;
    setStep(next);
  }

  function set(name: string, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
  }

  function next() {
    const following = WIZARD_STEPS[stepIndex + 1];
    if (!following) return;
    startChecking(async () => {
      if (step === 'documents') {
        while (uploadsInFlight.current.size > 0) await Promise.allSettled([...uploadsInFlight.current]);
        // The files are already kept with the draft: the server checks that each required one is there.
        const documentsOnly = new FormData();
        documentsOnly.set('serviceId', service.id);
        const result = await checkDocumentsAction(documentsOnly);
        if (isSignedOutResult(result)) return signInAgain();
        if (result.status !== 'ok') return setErrors({ documents: [pick(result.message)] });
        if (Object.keys(result.data.fieldErrors).length > 0) return setErrors(result.data.fieldErrors);
        return goTo(following);
      }
      const result = await checkStepAction({ serviceId: service.id, step, values });
      if (isSignedOutResult(result)) return signInAgain();
      if (result.status !== 'ok') return setErrors({ form: [pick(result.message)] });
      if (Object.keys(result.data.fieldErrors).length > 0) return setErrors(result.data.fieldErrors);
      goTo(following);
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step !== 'review') return next();
    if (isSubmitting) return; // a double click sends one request; the idempotency key covers a retry
    const formData = formDataWithoutEmptyFiles(event.currentTarget);
    isSubmitStarted.current = true;
    startSubmit(async () => {
      // On success the action redirects to the new application (replacing this page in the history, so
      // Back does not offer the form again); otherwise it says what to fix.
      const result = await submitApplicationAction(null, formData);
      isSubmitStarted.current = false;
      if (isSignedOutResult(result)) return signInAgain();
      setSubmitState(result);
      if (result?.status === 'invalid') showSubmitErrors(result.fieldErrors ?? {});
    });
  }

  // A refused submit shows its errors on the step they belong to.
  function showSubmitErrors(fieldErrors: Record<string, string[] | undefined>) {
    const names = Object.keys(fieldErrors);
    const target: WizardStep = names.some((n) => service.fields.some((f) => f.name === n))
      ? 'details'
      : names.some((n) => n.startsWith('document'))
        ? 'documents'
        : names.length > 0
          ? 'delivery'
          : 'review';
    setStep(target);
    setErrors(fieldErrors);
  }

  const fieldLabel = (name: string): string => {
    const field = service.fields.find((f) => f.name === name);
    if (field) return label({ zh: field.labelZh, en: field.labelEn });
    const doc = service.documents.find((d) => `document.${d.kind}` === name);
    if (doc) return label({ zh: doc.labelZh, en: doc.labelEn });
    const delivery: Record<string, string> = {
      deliveryMethod: t('services.deliveryMethod'),
      deliveryDistrictCode: t('services.deliveryDistrict'),
      deliveryStreet: t('services.deliveryStreet'),
      contactPhone: t('services.contactPhone'),
      notificationEmail: t('services.notificationEmail'),
    };
    return delivery[name] ?? t('services.documentsHeading');
  };
  const errorEntries = Object.entries(errors).filter(([, m]) => m && m.length > 0);
  const describe = (name: string) => `${name}-error`;
  const inputProps = (name: string) => ({
    id: name,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': describe(name),
  });

  function renderField(field: FieldDefinition) {
    const value = values[field.name] ?? '';
    const fieldName = label({ zh: field.labelZh, en: field.labelEn });
    const hint = field.hintZh && field.hintEn ? label({ zh: field.hintZh, en: field.hintEn }) : null;
    const control = (
      <ServiceFieldControl
        field={field}
        inputProps={inputProps(field.name)}
        value={value}
        onChange={(next) => set(field.name, next)}
        districts={districts}
        registryOptions={registryOptions}
        label={label}
        texts={{ choose: t('services.choose'), noRecords: t('services.noRecords') }}
      />
    );
    return (
      <div key={field.name} className="field">
        <label htmlFor={field.name}>
          {fieldName}
          {hint && <span className="hint"> {hint}</span>}
        </label>
        {control}
        <FieldError id={describe(field.name)} messages={errors[field.name]?.map(pick)} />
      </div>
    );
  }

  const deliveryDistrict = districts.find((d) => d.code === values.deliveryDistrictCode)?.name ?? '';

  return (
    <form method="post" ref={formRef} onSubmit={submit} noValidate data-testid="application-wizard">
      <input type="hidden" name="serviceId" value={service.id} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />

      <nav aria-label={t('services.stepOf', { n: stepIndex + 1, total: WIZARD_STEPS.length })}>
        <ol className="wizard-steps">
          {WIZARD_STEPS.map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'current' : i < stepIndex ? 'done' : undefined}>
              {t(`services.steps.${s}`)}
            </li>
          ))}
        </ol>
      </nav>
      <p className="hint" aria-live="polite" data-testid="draft-status">
        {saveState.kind === 'saving' ? t('services.draftSaving') : saveState.kind === 'saved' ? t('services.draftSaved', { time: dateTime(saveState.at) }) : ''}
      </p>

      {errorEntries.length > 0 && (
        <div className="alert error error-summary" role="alert" tabIndex={-1} ref={summaryRef} data-testid="error-summary">
          <h2>{submitState?.status === 'invalid' ? pick(submitState.message) : t('services.fixErrors')}</h2>
          <ul>
            {errorEntries.map(([name, messages]) => (
              <li key={name}>
                <a href={`#${name}`}>{fieldLabel(name)}</a>
                {t('common.labelled', { label: '', value: messages!.map(pick).join(' ') })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {submitState && submitState.status !== 'invalid' && (
        <div className="alert error" role="alert">
          {pick(submitState.message)}
        </div>
      )}

      <section className="card" hidden={step !== 'details'} aria-labelledby="step-details">
        <h2 id="step-details" tabIndex={-1}>
          {t('services.steps.details')}
        </h2>
        <h3>{t('services.applicant')}</h3>
        <p className="hint">{t('services.fromRegistry')}</p>
        <dl className="facts" data-testid="registry-prefill">
          <dt>{t('services.name')}</dt>
          <dd>{profile.name}</dd>
          <dt>{t('services.idNumber')}</dt>
          <dd className="mono">{profile.idNumberMasked}</dd>
          <dt>{t('services.address')}</dt>
          <dd>{profile.address}</dd>
          <dt>{t('services.household')}</dt>
          <dd className="mono">{profile.householdNumber}</dd>
          {service.category === 'traffic' && (
            <>
              <dt>{t('services.licence')}</dt>
              <dd>
                {profile.licence
                  ? t('services.licenceValue', { class: profile.licence.licenceClass, date: date(profile.licence.validUntil), points: profile.licence.points })
                  : t('services.noLicence')}
              </dd>
            </>
          )}
        </dl>
        {service.fields.map(renderField)}
      </section>

      <section className="card" hidden={step !== 'documents'} aria-labelledby="step-documents">
        <h2 id="step-documents" tabIndex={-1}>
          {t('services.steps.documents')}
        </h2>
        {service.documents.map((doc) => (
          <DocumentUploadField
            key={doc.kind}
            serviceId={service.id}
            doc={doc}
            kept={keptFiles.filter((f) => f.kind === doc.kind)}
            errors={errors[`document.${doc.kind}`]}
            getIdempotencyKey={() => idempotencyKey}
            onKeyKnown={setIdempotencyKey}
            onKept={(file) => {
              setKeptFiles((list) => [...list.filter((f) => f.id !== file.id), file]);
              setErrors((errs) => ({ ...errs, [`document.${doc.kind}`]: undefined, documents: undefined }));
            }}
            onRemoved={(id) => setKeptFiles((list) => list.filter((f) => f.id !== id))}
            onSignedOut={signInAgain}
            onUploadStarted={(finished) => {
              uploadsInFlight.current.add(finished);
              void finished.then(() => uploadsInFlight.current.delete(finished));
            }}
            announce={setAnnouncement}
          />
        ))}
        <p className="visually-hidden" aria-live="polite" data-testid="upload-announcement">
          {announcement}
        </p>
        <FieldError id="documents-error" messages={errors.documents?.map(pick)} />
      </section>

      <section className="card" hidden={step !== 'delivery'} aria-labelledby="step-delivery">
        <h2 id="step-delivery" tabIndex={-1}>
          {t('services.steps.delivery')}
        </h2>
        <fieldset>
          <legend>{t('services.deliveryMethod')}</legend>
          {service.deliveryOptions.map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="deliveryMethod"
                value={option}
                checked={values.deliveryMethod === option}
                onChange={() => set('deliveryMethod', option)}
                aria-describedby={describe('deliveryMethod')}
              />{' '}
              {option === 'mail' ? t('services.deliveryMail') : t('services.deliveryCounter')}
            </label>
          ))}
          <FieldError id={describe('deliveryMethod')} messages={errors.deliveryMethod?.map(pick)} />
        </fieldset>
        {values.deliveryMethod === 'counter' ? (
          <p className="hint">{t('services.counterNote')}</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor="deliveryDistrictCode">{t('services.deliveryDistrict')}</label>
              <select {...inputProps('deliveryDistrictCode')} value={values.deliveryDistrictCode ?? ''} onChange={(e) => set('deliveryDistrictCode', e.target.value)}>
                <option value="">{t('services.choose')}</option>
                {districts.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
              <FieldError id={describe('deliveryDistrictCode')} messages={errors.deliveryDistrictCode?.map(pick)} />
            </div>
            <div className="field">
              <label htmlFor="deliveryStreet">
                {t('services.deliveryStreet')} <span className="hint">{t('services.deliveryStreetHint')}</span>
              </label>
              <input {...inputProps('deliveryStreet')} type="text" autoComplete="address-line1" value={values.deliveryStreet ?? ''} onChange={(e) => set('deliveryStreet', e.target.value)} />
              <FieldError id={describe('deliveryStreet')} messages={errors.deliveryStreet?.map(pick)} />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="contactPhone">
            {t('services.contactPhone')} <span className="hint">{t('services.contactPhoneHint')}</span>
          </label>
          <input {...inputProps('contactPhone')} type="tel" inputMode="numeric" maxLength={11} autoComplete="tel" value={values.contactPhone ?? ''} onChange={(e) => set('contactPhone', e.target.value)} />
          <FieldError id={describe('contactPhone')} messages={errors.contactPhone?.map(pick)} />
        </div>
        <div className="field">
          <label htmlFor="notificationEmail">{t('services.notificationEmail')}</label>
          <input {...inputProps('notificationEmail')} type="email" autoComplete="email" value={values.notificationEmail ?? ''} onChange={(e) => set('notificationEmail', e.target.value)} />
          <FieldError id={describe('notificationEmail')} messages={errors.notificationEmail?.map(pick)} />
        </div>
      </section>

      <section className="card" hidden={step !== 'review'} aria-labelledby="step-review">
        <h2 id="step-review" tabIndex={-1}>
          {t('services.steps.review')}
        </h2>
        <p>{t('services.reviewLead')}</p>
        <dl className="facts" data-testid="review">
          <FormValueRows rows={describeFormValues(service, values, registryOptions)} locale={locale} empty={t('services.none')} />
          <dt>{t('services.documentsHeading')}</dt>
          <dd data-testid="review-documents">{keptFiles.map((f) => f.fileName).join(t('common.listSeparator')) || t('services.none')}</dd>
          <dt>{t('services.deliveryMethod')}</dt>
          <dd>
            {values.deliveryMethod === 'counter'
              ? t('services.deliveryCounter')
              : t('common.labelled', { label: t('services.deliveryMail'), value: `武汉市${deliveryDistrict}${values.deliveryStreet ?? ''}` })}
          </dd>
          <dt>{t('services.contactPhone')}</dt>
          <dd className="mono">{values.contactPhone}</dd>
        </dl>
        <p className="actions">
          <button type="button" className="secondary small" onClick={() => goTo('details')}>
            {t('common.labelled', { label: t('services.edit'), value: t('services.steps.details') })}
          </button>
          <button type="button" className="secondary small" onClick={() => goTo('delivery')}>
            {t('common.labelled', { label: t('services.edit'), value: t('services.steps.delivery') })}
          </button>
        </p>
      </section>

      <div className="actions">
        {stepIndex > 0 && (
          <button type="button" className="secondary" onClick={() => goTo(WIZARD_STEPS[stepIndex - 1]!)} disabled={isChecking || isSubmitting}>
            {t('services.back')}
          </button>
        )}
        {step === 'review' ? (
          <button type="submit" disabled={isSubmitting} aria-busy={isSubmitting}>
            {isSubmitting ? t('services.submitting') : t('services.submit')}
          </button>
        ) : (
          <button type="submit" disabled={isChecking} aria-busy={isChecking}>
            {isChecking ? t('services.checking') : t('services.next')}
          </button>
        )}
        <Link className="button secondary" href="/me">
          {t('services.cancel')}
        </Link>
      </div>
    </form>
  );
}
