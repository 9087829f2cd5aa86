import { getTranslator } from '@/lib/i18n/server';
import type { CaseView } from '@/lib/applications/case-view';
import { isOpenStatus } from '@/lib/applications/state-machine';

/** The strip under the heading: applicant, dates, who holds the case, and the approval chain. */
export async function CaseSummary({ view }: { view: CaseView }) {
  const { t, date, dateTime } = await getTranslator();
  const { application, registry, claimedBy, isMine, isClaimHeld, daysLeft, service } = view;
  return (
    <dl className="summary-strip" aria-label={t('staff.case.summary')}>
      <div>
        <dt>{t('staff.case.applicant')}</dt>
        <dd>{registry.resident.name}</dd>
      </div>
      <div>
        <dt>{t('staff.case.submitted')}</dt>
        <dd>
          {dateTime(application.submittedAt)}
          {application.assistedByName && <div className="hint" data-testid="case-assisted-by">{t('staff.case.assistedBy', { name: application.assistedByName })}</div>}
        </dd>
      </div>
      <div>
        <dt>{t('staff.case.dueBy')}</dt>
        <dd>
          {date(application.deadlineDate)}
          {daysLeft !== null && (
            <span className={daysLeft < 0 ? 'overdue' : daysLeft <= 1 ? 'due-soon' : 'muted'}>
              {' '}
              {daysLeft < 0 ? t('staff.case.overdue', { days: -daysLeft }) : daysLeft === 0 ? t('staff.case.dueToday') : t('staff.case.daysLeft', { days: daysLeft })}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('staff.case.assignee')}</dt>
        <dd>
          {claimedBy ? `${claimedBy.displayName}${t('common.parenthetical', { text: claimedBy.staffNumber })}` : t('staff.case.unclaimed')}
          {isMine && <span className="muted"> · {t('staff.case.you')}</span>}
          {claimedBy && application.claimExpiresAt && isOpenStatus(application.status) && (
            <span className={isClaimHeld ? 'muted' : 'due-soon'}>
              {' '}
              {isClaimHeld ? t('staff.case.heldUntil', { time: dateTime(application.claimExpiresAt) }) : t('staff.case.claimExpired')}
            </span>
          )}
          {application.escalatedAt && <span className="overdue"> · {t('staff.case.escalated')}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('staff.case.approval')}</dt>
        <dd>{service?.approvalChain === 'clerk_and_supervisor' ? t('staff.case.clerkAndSupervisor') : t('staff.case.clerkOnly')}</dd>
      </div>
    </dl>
  );
}
