import { DISTRICT_NAMES_EN } from '@/lib/identity/questionnaire-data';
import { districtName } from '@/lib/places';

// Where a certificate for counter pickup waits. The rule: the counter of the district office that
// decided the case — the application's jurisdiction (applications.district_code). A case's district
// can only change before a decision (a resubmit that corrects the destination district), so the
// office is fixed once the certificate exists; the clerks of that district are the ones who may
// hand it over (recordCounterPickup checks the same column).

export type Bilingual = { zh: string; en: string };

export type PickupOffice = { name: Bilingual; hours: Bilingual; bring: Bilingual };

export function pickupOfficeFor(districtCode: string): PickupOffice {
  const zhDistrict = districtName(districtCode);
  const enDistrict = DISTRICT_NAMES_EN[districtCode] ?? districtCode;
  return {
    name: { zh: `武汉市公安局${zhDistrict}分局户政窗口`, en: `Service counter, ${enDistrict} Branch, Wuhan Public Security Bureau` },
    hours: { zh: '工作日 9:00–12:00、13:30–17:00（法定节假日除外）', en: 'working days 9:00–12:00 and 13:30–17:00 (closed on public holidays)' },
    // Only the holder may collect: the counter checks the e-ID identity QR or the ID card number.
    bring: {
      zh: '本人到场，携带居民身份证或出示电子身份证钱包中的身份二维码，以及申请编号',
      en: 'come in person with your resident ID card, or show the identity QR in your e-ID wallet, and your application reference',
    },
  };
}

/** What the dispatch row records as its "address" when nothing is mailed: the counter where it waits. */
export function counterAddressFor(districtCode: string): string {
  const office = pickupOfficeFor(districtCode);
  return `${office.name.zh} / ${office.name.en}`;
}
