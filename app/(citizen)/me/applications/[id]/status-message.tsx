import type { CitizenApplicationView } from '@/lib/applications/citizen-application-view';
import { pickupOfficeText } from '@/lib/delivery/pickup-office';
import { getTranslator } from '@/lib/i18n/server';

/** One plain sentence at the top: where the application is and what, if anything, the citizen must do. */
export async function StatusMessage({ view }: { view: CitizenApplicationView }) {
  const { t, dateTime, locale } = await getTranslator();
  const { application, dispatch, office, collectedAt, statusReason: reason, isOverdue } = view;
  const dispatchStatus = dispatch?.status;
  switch (application.status) {
    case 'needs_more_material':
      return (
        <div className="alert warn" role="note">
          <h2>{t('myApplications.detail.status_needsMaterial')}</h2>
          {reason && (
            <p>
              <strong>{t('myApplications.detail.clerkAsks')}</strong> {reason}
            </p>
          )}
          <p>{t('myApplications.detail.needsMaterialNext')}</p>
        </div>
      );
    case 'submitted':
    case 'in_review':
    case 'awaiting_countersign':
      return (
        <div className="alert info">
          {isOverdue
            ? t('myApplications.detail.inProgressOverdue', { date: application.deadlineDate ?? '—' })
            : t('myApplications.detail.inProgressDue', { date: application.deadlineDate ?? '—' })}{' '}
          {t('myApplications.detail.weWillText')}
        </div>
      );
    case 'approved':
      if (office && dispatchStatus === 'held_for_pickup') {
        const where = pickupOfficeText(office, locale);
        return (
          <div className="alert success" data-testid="ready-for-collection">
            <p>{t('myApplications.detail.readyForCollection', { office: where.name })}</p>
            <p>{t('myApplications.detail.collectHours', { hours: where.hours })}</p>
            <p>{t('myApplications.detail.collectBring', { bring: where.bring })}</p>
          </div>
        );
      }
      if (office && dispatchStatus === 'collected') {
        return <div className="alert success" data-testid="collected-on">{t('myApplications.detail.collectedOn', { time: collectedAt ? dateTime(collectedAt) : '—' })}</div>;
      }
      if (dispatch?.method === 'counter' && dispatchStatus === 'cancelled') return <div className="alert neutral">{t('myApplications.detail.counterWithdrawn')}</div>;
      return (
        <div className="alert success">
          {dispatchStatus === 'delivered'
            ? t('myApplications.detail.approvedDelivered')
            : dispatchStatus === 'returned' || dispatchStatus === 'held_for_pickup'
              ? t('myApplications.detail.approvedUndelivered')
              : t('myApplications.detail.approvedMailed')}
        </div>
      );
    case 'rejected':
      return (
        <div className="alert error">
          <h2>{t('myApplications.detail.notApproved')}</h2>
          {reason && (
            <p>
              <strong>{t('myApplications.detail.reason')}:</strong> {reason}
            </p>
          )}
          <p>{t('myApplications.detail.notApprovedNext')}</p>
        </div>
      );
    case 'withdrawn':
      return <div className="alert neutral">{t('myApplications.detail.withdrawn')}</div>;
    default:
      return null;
  }
}
