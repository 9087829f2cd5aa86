import type { Locale } from '@/lib/i18n/config';
import { dictionaryFor } from '@/lib/i18n/messages';
import { createTranslator } from '@/lib/i18n/translate';
import { DISTRICT_NAMES_EN } from '@/lib/identity/questionnaire-data';
import { districtName } from '@/lib/places';

// Where a certificate for counter pickup waits. The rule: the counter of the district office that
// decided the case — the application's jurisdiction (applications.district_code). A case's district
// can only change before a decision (a resubmit that corrects the destination district), so the
// office is fixed once the certificate exists; the clerks of that district are the ones who may
// hand it over (recordCounterPickup checks the same column).

/** The counter, by the deciding district; its words are problems.delivery.pickupOffice.* in the dictionary. */
export type PickupOffice = { districtCode: string };

export function pickupOfficeFor(districtCode: string): PickupOffice {
  return { districtCode };
}

/** Where, when and what to bring, in one language: the reader's page, or a notice's recipient. */
export function pickupOfficeText(office: PickupOffice, locale: Locale): { name: string; hours: string; bring: string } {
  const { t } = createTranslator(locale, dictionaryFor(locale));
  const district = locale === 'en' ? (DISTRICT_NAMES_EN[office.districtCode] ?? office.districtCode) : districtName(office.districtCode);
  return {
    name: t('problems.delivery.pickupOffice.name', { district }),
    hours: t('problems.delivery.pickupOffice.hours'),
    // Only the holder may collect: the counter checks the e-ID identity QR or the ID card number.
    bring: t('problems.delivery.pickupOffice.bring'),
  };
}

/** What the dispatch row records as its "address" when nothing is mailed: the counter where it waits (stored in both languages, as always). */
export function counterAddressFor(districtCode: string): string {
  const office = pickupOfficeFor(districtCode);
  return `${pickupOfficeText(office, 'zh-CN').name} / ${pickupOfficeText(office, 'en').name}`;
}
