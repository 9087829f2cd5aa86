import type { ServiceDefinition } from '@/lib/services/catalog';
import { CERTIFICATE_KIND_LABELS } from '@/lib/services/catalog';
import { offeredDistrictNames } from '@/lib/services/availability';
import { DOCUMENT_TYPE_NAMES } from '@/lib/services/fields';
import type { Translator } from '@/lib/i18n/translate';

/** What a service needs and gives, as a definition list (the catalogue and the guide page share it). */
export function ServiceFacts({ service, expectedBy, tr, full }: { service: ServiceDefinition; expectedBy: string; tr: Translator; full?: boolean }) {
  const { t, label, date } = tr;
  const certificate = CERTIFICATE_KIND_LABELS[service.certificateKind];
  const offeredIn = offeredDistrictNames(service);
  return (
    <dl className="facts">
      <dt>{t('services.timeLimit')}</dt>
      <dd>
        {t('services.workingDays', { days: service.deadlineWorkingDays })} ·{' '}
        <span data-testid="expected-by">{t('services.expectedBy', { date: date(expectedBy) })}</span>
      </dd>
      <dt>{t('services.whoMayApply')}</dt>
      <dd>{label({ zh: service.eligibilityZh, en: service.eligibilityEn })}</dd>
      {offeredIn && (
        <>
          <dt>{t('services.offeredIn')}</dt>
          <dd data-testid="offered-in">{offeredIn.join('、')}</dd>
        </>
      )}
      <dt>{t('services.whatYouNeed')}</dt>
      <dd>
        <ul className="plain-list">
          {service.documents.map((d) => (
            <li key={d.kind}>
              {label({ zh: d.labelZh, en: d.labelEn })}
              {t('common.parenthetical', { text: d.isRequired ? t('services.required') : t('services.optional') })}
              {full && (
                <span className="hint" style={{ display: 'inline' }}>
                  {' '}
                  {t('services.fileRules', { types: d.acceptedTypes.map((x) => DOCUMENT_TYPE_NAMES[x]).join(' / '), mb: d.maxMegabytes, count: d.maxCount })}
                </span>
              )}
            </li>
          ))}
        </ul>
      </dd>
      {full && (
        <>
          <dt>{t('services.eidLevel')}</dt>
          <dd>{t('services.eidLevelValue', { level: service.requiredAssuranceLevel })}</dd>
          <dt>{t('services.approval')}</dt>
          <dd>{service.approvalChain === 'clerk_and_supervisor' ? t('services.approvalCountersign') : t('services.approvalClerk')}</dd>
          <dt>{t('services.delivery')}</dt>
          <dd>{service.deliveryOptions.map((o) => (o === 'mail' ? t('services.deliveryMail') : t('services.deliveryCounter'))).join(' / ')}</dd>
          {certificate && (
            <>
              <dt>{t('services.certificate')}</dt>
              <dd>{label(certificate)}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}
