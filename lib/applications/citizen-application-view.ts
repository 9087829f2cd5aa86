import type { Database } from '@/db/connect';
import type { CitizenActor } from '@/lib/auth/actor';
import { toBeijingDate, workingDaysBetween } from '@/lib/calendar/working-days';
import { pickupOfficeFor } from '@/lib/delivery/pickup-office';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { formatDate, type BilingualLabel } from '@/lib/i18n/translate';
import { findServiceVersion } from '@/lib/services/published-catalogue';
import type { FieldDefinition } from '@/lib/services/fields';
import { describeFormValues } from '@/lib/services/form-display';
import { requestedItems } from './material-request';
import { getApplicantProfile, getApplicationDetail } from './queries';
import { availableTransitions, FINAL_STATUSES } from './state-machine';

/** A field the clerk asked the citizen to correct: its current value and, for a choice, the options. */
export type CorrectableFieldView = {
  name: string;
  label: BilingualLabel;
  value: string;
  type: 'text' | 'date' | 'select';
  options?: { value: string; text: BilingualLabel }[];
};

const same = (text: string): BilingualLabel => ({ zh: text, en: text });

/**
 * Everything the citizen's application status page renders, or undefined when the application is not
 * theirs: what they may do now, what the clerk asked for, the deadline, the certificate and its delivery.
 */
export async function getCitizenApplicationView(db: Database, actor: CitizenActor, applicationId: string, now = new Date()) {
  const detail = await getApplicationDetail(db, actor, applicationId);
  if (!detail) return undefined;
  const { application, events, dispatch, deliveryEvents } = detail;
  const definition = await findServiceVersion(db, application.serviceId, application.serviceVersion);
  const isFinal = FINAL_STATUSES.includes(application.status);
  // What the clerk asked for: the reason of the latest request for more material.
  const materialRequest = application.status === 'needs_more_material' ? events.findLast((e) => e.transition === 'request_more_material') : undefined;
  // Only what the clerk asked for: the documents and fields their request names.
  const requested = definition && materialRequest ? requestedItems(definition, materialRequest.reason) : { documents: definition?.documents ?? [], fields: [] };
  const profile = requested.fields.some((f) => f.kind === 'registry') ? await getApplicantProfile(db, actor) : undefined;
  const currentForm = (application.formData ?? {}) as Record<string, unknown>;
  // Counter pickup (chosen, or returned mail now held): the counter of the case's district office.
  const isAtCounter = dispatch ? dispatch.method === 'counter' || dispatch.status === 'held_for_pickup' || dispatch.status === 'collected' : false;
  const office = isAtCounter ? pickupOfficeFor(application.districtCode) : undefined;
  return {
    ...detail,
    definition,
    isFinal,
    actions: availableTransitions(application.status, 'citizen').filter((t) => t === 'withdraw' || t === 'resubmit'),
    /** The clerk's words when asking for more, else the decision's reason. */
    statusReason: materialRequest?.reason ?? application.decisionReason,
    resubmitDocuments: requested.documents.map(({ kind, labelZh, labelEn }) => ({ kind, label: { zh: labelZh, en: labelEn } })),
    correctableFields: requested.fields.map((field) => correctableField(field, currentForm[field.name], profile)),
    formRows: definition ? describeFormValues(definition, application.formData) : [],
    office,
    collectedAt: deliveryEvents.findLast((e) => e.toStatus === 'collected')?.createdAt,
    daysLeft: application.deadlineDate && !isFinal && application.deadlinePausedDaysLeft === null ? workingDaysBetween(toBeijingDate(now), application.deadlineDate) : null,
    isOverdue: application.deadlineDate !== null && application.deadlineDate < toBeijingDate(now),
  };
}

export type CitizenApplicationView = NonNullable<Awaited<ReturnType<typeof getCitizenApplicationView>>>;

type ApplicantProfile = Awaited<ReturnType<typeof getApplicantProfile>>;

function correctableField(field: FieldDefinition, current: unknown, profile: ApplicantProfile): CorrectableFieldView {
  const value = typeof current === 'string' ? current : '';
  const label = { zh: field.labelZh, en: field.labelEn };
  switch (field.kind) {
    case 'date':
      return { name: field.name, label, value, type: 'date' };
    case 'select':
      return { name: field.name, label, value, type: 'select', options: field.options.map((o) => ({ value: o.value, text: { zh: o.zh, en: o.en } })) };
    case 'district':
      return { name: field.name, label, value, type: 'select', options: WUHAN_DISTRICTS.map((d) => ({ value: d.code, text: same(d.name) })) };
    case 'registry':
      return {
        name: field.name,
        label,
        value,
        type: 'select',
        options:
          field.source === 'vehicle'
            ? (profile?.vehicles ?? []).map((v) => ({ value: v.plate, text: same(v.plate) }))
            : (profile?.violations ?? []).map((v) => ({ value: v.id, text: { zh: `${formatDate(v.occurredAt, 'zh-CN')} ${v.location}`, en: `${formatDate(v.occurredAt, 'en')} ${v.location}` } })),
      };
    default:
      return { name: field.name, label, value, type: 'text' };
  }
}
