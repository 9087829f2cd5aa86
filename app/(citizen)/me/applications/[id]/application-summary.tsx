import type { CitizenApplicationView } from '@/lib/applications/citizen-application-view';
import { isMessageReference } from '@/lib/i18n/problem';
import { getTranslator } from '@/lib/i18n/server';
import { FormValueRows } from '@/components/form-value-rows';
import { StatusBadge } from '@/components/status-badge';
import { CitizenActions } from './citizen-actions';

/** Reference, status, deadline and what was asked for, with withdraw / resubmit where allowed. */
export async function ApplicationSummary({ view }: { view: CitizenApplicationView }) {
  const { t, label, date, dateTime, locale, pick } = await getTranslator();
  const { application, isFinal, daysLeft, formRows, actions, resubmitDocuments, correctableFields } = view;
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="visually-hidden">{t('myApplications.detail.summary')}</h2>
      <dl className="facts" data-testid="application-facts">
        <dt>{t('myApplications.detail.reference')}</dt>
        <dd className="mono">{application.referenceNumber}</dd>
        <dt>{t('myApplications.detail.status')}</dt>
        <dd data-testid="application-status"><StatusBadge status={application.status} /></dd>
        <dt>{t('myApplications.detail.submittedAt')}</dt>
        <dd>{dateTime(application.submittedAt)}</dd>
        {application.assistedByName && (
          <>
            <dt>{t('myApplications.detail.assistedBy')}</dt>
            <dd data-testid="assisted-by">{t('myApplications.detail.assistedByValue', { name: application.assistedByName })}</dd>
          </>
        )}
        {!isFinal && (
          <>
            <dt>{t('myApplications.detail.dueBy')}</dt>
            <dd>
              {application.deadlinePausedDaysLeft !== null ? (
                <>{t('myApplications.detail.paused', { days: application.deadlinePausedDaysLeft })}</>
              ) : (
                <>
                  {date(application.deadlineDate)}
                  {daysLeft !== null && (
                    <span data-testid="days-left" className={daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'due-soon' : 'muted'}>
                      {daysLeft < 0 ? t('myApplications.detail.overdue', { days: -daysLeft }) : t('myApplications.detail.daysLeft', { days: daysLeft })}
                    </span>
                  )}
                </>
              )}
            </dd>
          </>
        )}
        <FormValueRows rows={formRows} locale={locale} />
        <dt>{t('myApplications.detail.delivery')}</dt>
        {/* Counter pickup is stored as a message reference; a mailing address is shown as typed. */}
        <dd>{isMessageReference(application.deliveryAddress) ? pick(application.deliveryAddress) : application.deliveryAddress}</dd>
        {application.decisionReason && application.status !== 'needs_more_material' && application.status !== 'rejected' && (
          <>
            <dt>{t('myApplications.detail.reason')}</dt>
            <dd>{application.decisionReason}</dd>
          </>
        )}
      </dl>
      {actions.length > 0 && (
        <CitizenActions
          applicationId={application.id}
          version={application.version}
          actions={actions}
          documents={resubmitDocuments.map((d) => ({ kind: d.kind, label: label(d.label) }))}
          fields={correctableFields.map((f) => ({ ...f, label: label(f.label), options: f.options?.map((o) => ({ value: o.value, text: label(o.text) })) }))}
        />
      )}
    </section>
  );
}
