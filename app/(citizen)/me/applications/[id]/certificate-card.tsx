import type { CitizenApplicationView } from '@/lib/applications/citizen-application-view';
import { pickupOfficeText } from '@/lib/delivery/pickup-office';
import { getTranslator } from '@/lib/i18n/server';
import { DeliveryTimeline } from '@/components/delivery-timeline';
import { DispatchBadge } from '@/components/dispatch-badge';

/** The certificate once issued: its serial, the PDF, and how the mail or counter hand-over is going. */
export async function CertificateCard({ view }: { view: CitizenApplicationView }) {
  const { t, pick, locale } = await getTranslator();
  const { application, certificate, dispatch, deliveryEvents, office } = view;
  return (
    <section className="card" aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">{t('myApplications.detail.certificateHeading')}</h2>
      {certificate ? (
        <>
          <dl className="facts">
            <dt>{t('myApplications.detail.serial')}</dt>
            <dd><strong className="mono">{certificate.serialNumber}</strong></dd>
            {dispatch && (
              <>
                <dt>{dispatch.method === 'counter' ? t('myApplications.detail.collectionStatus') : t('myApplications.detail.deliveryStatus')}</dt>
                <dd><DispatchBadge status={dispatch.status} /></dd>
                {office && (
                  <>
                    <dt>{t('myApplications.detail.collectAt')}</dt>
                    <dd>{pickupOfficeText(office, locale).name}</dd>
                  </>
                )}
                {dispatch.trackingNumber && (
                  <>
                    <dt>{t('myApplications.detail.tracking')}</dt>
                    <dd>
                      {dispatch.courier} <span className="mono" data-testid="tracking-number">{dispatch.trackingNumber}</span>
                    </dd>
                  </>
                )}
              </>
            )}
          </dl>
          <div className="actions" style={{ marginTop: 12 }}>
            <a className="button secondary small" href={`/api/certificates/${certificate.id}/pdf`} download>{t('myApplications.detail.downloadPdf')}</a>
          </div>
          {dispatch && (
            <>
              <h3>{dispatch.method === 'counter' ? t('myApplications.detail.collectionProgress') : t('myApplications.detail.mailingProgress')}</h3>
              {/* Notes may be message references (lib/delivery): translated here, the client has no `problems` messages. */}
              <DeliveryTimeline events={deliveryEvents.map((e) => ({ ...e, note: e.note && pick(e.note) }))} />
            </>
          )}
        </>
      ) : application.status === 'rejected' || application.status === 'withdrawn' ? (
        <p className="hint">{t('myApplications.detail.noCertificate')}</p>
      ) : (
        <p className="hint">{t('myApplications.detail.certificateLater')}</p>
      )}
    </section>
  );
}
