import type { CaseView } from '@/lib/applications/case-view';
import { isMessageReference } from '@/lib/i18n/problem';
import { getTranslator } from '@/lib/i18n/server';
import { FormValueRows } from '@/components/form-value-rows';
import { RevealPii } from './reveal-pii';

const RESIDENT_STATUSES = ['active', 'deceased', 'cancelled'] as const;

/** What the citizen asked for, beside what the population registry says about them. */
export async function CaseFacts({ view }: { view: CaseView }) {
  const { t, date, locale, pick } = await getTranslator();
  const { application, registry, formRows, fromAddress, fromMatchesRegistry } = view;
  const { resident } = registry;
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="form-heading">
        <h2 id="form-heading">{t('staff.case.application')}</h2>
        <dl className="facts" data-testid="form-data">
          <dt>{t('staff.case.from')}</dt>
          <dd>
            {fromAddress}{' '}
            {fromMatchesRegistry ? <span className="match">✓ {t('staff.case.matchesRegistry')}</span> : <span className="mismatch">⚠ {t('staff.case.differsFromRegistry')}</span>}
          </dd>
          {/* The service's own fields, rendered from its definitions in the catalogue. */}
          <FormValueRows rows={formRows} locale={locale} />
          <dt>{t('staff.case.mailTo')}</dt>
          {/* Counter pickup is stored as a message reference; a mailing address is shown as typed. */}
          <dd>{isMessageReference(application.deliveryAddress) ? pick(application.deliveryAddress) : application.deliveryAddress}</dd>
          <dt>{t('staff.case.phone')}</dt>
          <dd>
            <RevealPii applicationId={application.id} field="contactPhone" masked={application.contactPhone} />
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="registry-heading">
        <h2 id="registry-heading">{t('staff.case.registry')}</h2>
        <dl className="facts" data-testid="registry-record">
          <dt>{t('staff.case.name')}</dt>
          <dd>{resident.name}</dd>
          <dt>{t('staff.case.idNumber')}</dt>
          <dd>
            <RevealPii applicationId={application.id} field="idNumber" masked={resident.idNumber} />
          </dd>
          <dt>{t('staff.case.sex')}</dt>
          <dd>{resident.sex === 'male' ? t('staff.case.male') : t('staff.case.female')}</dd>
          <dt>{t('staff.case.born')}</dt>
          <dd>{date(resident.birthDate)}</dd>
          <dt>{t('staff.case.address')}</dt>
          <dd>{resident.address}</dd>
          <dt>{t('staff.case.household')}</dt>
          <dd className="mono">{registry.household.householdNumber}</dd>
          <dt>{t('staff.case.status')}</dt>
          <dd className={resident.status === 'active' ? undefined : 'mismatch'}>
            {(RESIDENT_STATUSES as readonly string[]).includes(resident.status) ? t(`staff.case.residentStatus.${resident.status as (typeof RESIDENT_STATUSES)[number]}`) : resident.status}
          </dd>
        </dl>
        <h3>{t('staff.case.members', { count: registry.members.length })}</h3>
        <ul>
          {registry.members.map((m) => (
            <li key={m.idNumber}>
              {m.name} · <span className="mono">{m.idNumber}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
