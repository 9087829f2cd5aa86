'use client';

import { Link } from '@/components/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, useTransition, type FormEvent } from 'react';
import { isSignedOutResult, signInAgainPath } from '@/lib/auth/signed-out';
import { useTranslator } from '@/lib/i18n/client';
import type { ServiceInput } from '@/lib/services/catalog';
import type { DesignerChoices } from '@/lib/services/designer';
import { blankDocument, blankField, DELIVERY_CHOICES, moved } from '@/lib/services/designer-model';
import type { DocumentDefinition, FieldDefinition } from '@/lib/services/fields';
import { publishServiceAction, type PublishState } from './actions';
import { DocumentEditor, FieldEditor } from './designer-editors';
import { CheckboxGroup, inputIdOf, NumberInput, SelectInput, TextInput } from './designer-inputs';
import { ServicePreview } from './service-preview';

type Props = {
  initial: ServiceInput;
  /** The version being edited; null for a new service. */
  basedOnVersion: number | null;
  districts: readonly { code: string; name: string }[];
  choices: DesignerChoices;
};

/** The form designer: a service's details, fields and documents, a live preview, and publishing as a new version. */
export function ServiceDesigner({ initial, basedOnVersion, districts, choices }: Props) {
  const { t, pick, label } = useTranslator();
  const router = useRouter();
  // What the administrator changed since the page opened (null: nothing yet).
  const [edits, setEdits] = useState<ServiceInput | null>(null);
  const [state, setState] = useState<PublishState>(null);
  const [isPending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = state?.status === 'invalid' ? (state.fieldErrors ?? {}) : {};
  const common = { errors, pick };
  const isNew = basedOnVersion === null;

  // A refused publish: the summary of what to correct takes the focus (and the screen reader's attention).
  useEffect(() => {
    if (state && state.status !== 'ok') summaryRef.current?.focus();
  }, [state]);

  // Nothing typed is lost to a closed tab, a session that ended or a sign-in on the way to publishing:
  // the unpublished edits are kept in this browser (a service definition holds no personal data) and
  // offered back when the same version is opened again; publishing or discarding forgets them.
  const storageKey = `service-designer:${initial.id || 'new'}:${basedOnVersion ?? 0}`;
  const keptAtOpen = useSyncExternalStore(noSubscription, () => keptEditsAtOpen(storageKey), () => null);
  const kept = useMemo(() => parseKeptEdits(keptAtOpen, initial), [keptAtOpen, initial]);
  const [isDiscarded, setDiscarded] = useState(false);
  const restored = kept !== null && !isDiscarded;
  const draft = edits ?? (restored ? kept : initial);
  const set = (patch: Partial<ServiceInput>) => setEdits((current) => ({ ...(current ?? draft), ...patch }));
  const fields = draft.fields as FieldDefinition[];
  const documents = draft.documents as DocumentDefinition[];
  const setFields = (next: FieldDefinition[]) => set({ fields: next });
  const setDocuments = (next: DocumentDefinition[]) => set({ documents: next });
  const districtFields = fields.filter((f) => f.kind === 'district' && f.name);
  useEffect(() => {
    if (edits === null) return;
    if (JSON.stringify(edits) === JSON.stringify(initial)) window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, JSON.stringify(edits));
  }, [edits, initial, storageKey]);

  function discard() {
    forgetKeptEdits(storageKey);
    setEdits(null);
    setDiscarded(true);
    setState(null);
  }

  function publish(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await publishServiceAction({ definition: draft, basedOnVersion });
      if (isSignedOutResult(result)) {
        router.replace(signInAgainPath(window.location.pathname));
        return;
      }
      if (result?.status === 'ok') {
        forgetKeptEdits(storageKey);
        router.push(`/staff/catalogue?published=${encodeURIComponent(result.data.serviceId)}&version=${result.data.version}`);
        return;
      }
      setState(result);
    });
  }

  const errorEntries = Object.entries(errors).filter(([, m]) => m && m.length > 0);
  const text = (zh: string, en: string) => label({ zh, en });

  return (
    <div className="designer-layout">
      <form method="post" onSubmit={publish} noValidate data-testid="service-designer" aria-busy={isPending}>
        {restored && (
          <div className="alert" role="status" data-testid="designer-restored">
            <p>{t('staff.catalogue.designer.restored')}</p>
            <button type="button" className="secondary" onClick={discard}>
              {t('staff.catalogue.designer.discard')}
            </button>
          </div>
        )}
        {state && state.status !== 'ok' && (
          <div ref={summaryRef} tabIndex={-1} className="alert error" role="alert" data-testid="designer-errors">
            <p>{pick(state.message)}</p>
            {errorEntries.length > 0 && (
              <>
                <p>{t('staff.catalogue.designer.errorsHeading')}</p>
                <ul>
                  {errorEntries.map(([path, messages]) => (
                    <li key={path}>
                      <a href={`#${inputIdOf(path)}`}>
                        <span className="mono">{path}</span>: {messages!.map(pick).join(' ')}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}

        <fieldset className="card">
          <legend className="field-legend">{t('staff.catalogue.designer.basics')}</legend>
          <TextInput {...common} path="id" label={t('staff.catalogue.designer.id')} hint={t('staff.catalogue.designer.idHint')} value={draft.id} readOnly={!isNew} onChange={(id) => set({ id: id.trim() })} />
          <SelectInput {...common} path="category" label={t('staff.catalogue.designer.category')} value={draft.category} options={choices.categories.map((c) => ({ value: c.value, text: text(c.zh, c.en) }))} onChange={(category) => set({ category })} />
          <TextInput {...common} path="nameZh" label={t('staff.catalogue.designer.nameZh')} value={draft.nameZh} onChange={(nameZh) => set({ nameZh })} />
          <TextInput {...common} path="nameEn" label={t('staff.catalogue.designer.nameEn')} value={draft.nameEn} onChange={(nameEn) => set({ nameEn })} />
          <TextInput {...common} multiline path="summaryZh" label={t('staff.catalogue.designer.summaryZh')} value={draft.summaryZh} onChange={(summaryZh) => set({ summaryZh })} />
          <TextInput {...common} multiline path="summaryEn" label={t('staff.catalogue.designer.summaryEn')} value={draft.summaryEn} onChange={(summaryEn) => set({ summaryEn })} />
          <TextInput {...common} multiline path="eligibilityZh" label={t('staff.catalogue.designer.eligibilityZh')} value={draft.eligibilityZh} onChange={(eligibilityZh) => set({ eligibilityZh })} />
          <TextInput {...common} multiline path="eligibilityEn" label={t('staff.catalogue.designer.eligibilityEn')} value={draft.eligibilityEn} onChange={(eligibilityEn) => set({ eligibilityEn })} />
          <SelectInput
            {...common}
            path="requiredAssuranceLevel"
            label={t('staff.catalogue.designer.level')}
            value={String(draft.requiredAssuranceLevel) as '1' | '2' | '3'}
            options={(['1', '2', '3'] as const).map((level) => ({ value: level, text: t(`staff.catalogue.designer.levels.l${level}`) }))}
            onChange={(level) => set({ requiredAssuranceLevel: Number(level) })}
          />
          <NumberInput {...common} path="deadlineWorkingDays" label={t('staff.catalogue.designer.deadline')} min={1} max={60} value={draft.deadlineWorkingDays} onChange={(deadlineWorkingDays) => set({ deadlineWorkingDays })} />
          <SelectInput
            {...common}
            path="approvalChain"
            label={t('staff.catalogue.designer.chain')}
            value={draft.approvalChain}
            options={[
              { value: 'clerk', text: t('staff.catalogue.designer.chainClerk') },
              { value: 'clerk_and_supervisor', text: t('staff.catalogue.designer.chainTwo') },
            ]}
            onChange={(approvalChain) => set({ approvalChain })}
          />
          <SelectInput {...common} path="certificateKind" label={t('staff.catalogue.designer.certificate')} value={draft.certificateKind} options={choices.certificateKinds.map((c) => ({ value: c.value, text: text(c.zh, c.en) }))} onChange={(certificateKind) => set({ certificateKind })} />
          <CheckboxGroup
            {...common}
            path="deliveryOptions"
            legend={t('staff.catalogue.designer.delivery')}
            values={draft.deliveryOptions}
            options={DELIVERY_CHOICES.map((value) => ({ value, text: t(value === 'mail' ? 'staff.catalogue.designer.deliveryMail' : 'staff.catalogue.designer.deliveryCounter') }))}
            onChange={(deliveryOptions) => set({ deliveryOptions })}
          />
          <SelectInput
            {...common}
            path="jurisdictionField"
            label={t('staff.catalogue.designer.jurisdiction')}
            hint={t('staff.catalogue.designer.jurisdictionHint')}
            value={draft.jurisdictionField ?? ''}
            options={[{ value: '', text: t('staff.catalogue.designer.jurisdictionNone') }, ...districtFields.map((f) => ({ value: f.name, text: text(f.labelZh || f.name, f.labelEn || f.name) }))]}
            onChange={(field) => set({ jurisdictionField: field === '' ? undefined : field })}
          />
          <CheckboxGroup
            {...common}
            path="offeredInDistricts"
            legend={t('staff.catalogue.designer.offeredIn')}
            values={draft.offeredInDistricts ?? []}
            options={districts.map((d) => ({ value: d.code, text: d.name }))}
            onChange={(codes) => set({ offeredInDistricts: codes.length > 0 ? codes : undefined })}
          />
        </fieldset>

        <section aria-labelledby="designer-fields-heading">
          <h2 id="designer-fields-heading">{t('staff.catalogue.designer.fields')}</h2>
          <p id={inputIdOf('fields')} className="field-error" role="status">
            {errors.fields?.map(pick).join(' ')}
          </p>
          {fields.map((field, i) => (
            <FieldEditor
              key={i}
              field={field}
              others={fields.filter((_, j) => j !== i)}
              index={i}
              count={fields.length}
              errors={errors}
              onChange={(next) => setFields(fields.map((f, j) => (j === i ? next : f)))}
              onMove={(to) => setFields(moved(fields, i, to))}
              onRemove={() => setFields(fields.filter((_, j) => j !== i))}
            />
          ))}
          <button type="button" className="secondary" onClick={() => setFields([...fields, blankField()])}>
            {t('staff.catalogue.designer.addField')}
          </button>
        </section>

        <section aria-labelledby="designer-documents-heading">
          <h2 id="designer-documents-heading">{t('staff.catalogue.designer.documents')}</h2>
          <p id={inputIdOf('documents')} className="field-error" role="status">
            {errors.documents?.map(pick).join(' ')}
          </p>
          {documents.map((document, i) => (
            <DocumentEditor
              key={i}
              document={document}
              index={i}
              count={documents.length}
              errors={errors}
              onChange={(next) => setDocuments(documents.map((d, j) => (j === i ? next : d)))}
              onMove={(to) => setDocuments(moved(documents, i, to))}
              onRemove={() => setDocuments(documents.filter((_, j) => j !== i))}
            />
          ))}
          <button type="button" className="secondary" onClick={() => setDocuments([...documents, blankDocument()])}>
            {t('staff.catalogue.designer.addDocument')}
          </button>
        </section>

        <div className="actions">
          <button type="submit" disabled={isPending}>
            {isPending ? t('staff.catalogue.designer.publishing') : t(isNew ? 'staff.catalogue.designer.publishNew' : 'staff.catalogue.designer.publish')}
          </button>
          <Link href="/staff/catalogue">{t('staff.catalogue.designer.back')}</Link>
        </div>
      </form>
      <ServicePreview draft={draft} districts={districts} />
    </div>
  );
}

// The edits kept in this browser, read once per page load (a stable snapshot: what is written while the
// administrator works must not come back as "restored").
const keptAtLoad = new Map<string, string | null>();
const noSubscription = () => () => {};
function keptEditsAtOpen(key: string): string | null {
  if (!keptAtLoad.has(key)) keptAtLoad.set(key, window.localStorage.getItem(key));
  return keptAtLoad.get(key) ?? null;
}
function forgetKeptEdits(key: string) {
  window.localStorage.removeItem(key);
  keptAtLoad.set(key, null);
}
function parseKeptEdits(text: string | null, initial: ServiceInput): ServiceInput | null {
  if (!text || text === JSON.stringify(initial)) return null;
  try {
    return JSON.parse(text) as ServiceInput;
  } catch {
    return null;
  }
}
