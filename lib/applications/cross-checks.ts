// Automatic cross-checks of a case against the population registry, shown beside the form.
// Pure: the case page loads the records, this decides what matches.
import { parseIdNumber } from '@/lib/identity/id-number';
import type { ServiceDefinition } from '@/lib/services/catalog';
import { msg } from '@/lib/i18n/problem';

// The registry status in words (a reference the case page translates with pick()), never the raw value.
const RESIDENT_STATUS_DETAIL = {
  active: msg('problems.applications.checks.active'),
  deceased: msg('problems.applications.checks.deceased'),
  cancelled: msg('problems.applications.checks.cancelled'),
} as const;

export type CrossCheck = { key: 'name' | 'id_number' | 'registry_status' | 'household' | 'documents'; isOk: boolean; labelZh: string; labelEn: string; detail: string };

export type CrossCheckInput = {
  /** The person the e-ID session belongs to (who applied). */
  applicant: { residentId: string; name: string };
  /** The registry record the case is about. */
  record: { id: string; name: string; idNumber: string; birthDate: string; sex: 'male' | 'female'; status: string; address: string; householdId: string };
  household: { id: string; address: string; householdNumber: string };
  /** The registry members of that household. */
  householdMemberIds: string[];
  form: { fromAddress?: unknown };
  service: Pick<ServiceDefinition, 'documents'> | undefined;
  documentKinds: string[];
};

export function crossCheckCase(input: CrossCheckInput): CrossCheck[] {
  const { applicant, record, household, form, service } = input;
  const parsed = parseIdNumber(record.idNumber);
  const idConsistent = parsed.ok && parsed.value.birthDate === record.birthDate && parsed.value.sex === record.sex;
  const fromAddress = typeof form.fromAddress === 'string' ? form.fromAddress : '';
  const missing = (service?.documents ?? []).filter((d) => d.isRequired && !input.documentKinds.includes(d.kind));
  return [
    {
      key: 'name',
      isOk: applicant.residentId === record.id && applicant.name === record.name,
      labelZh: '姓名与申请人一致',
      labelEn: 'Name matches the applicant',
      detail: applicant.residentId === record.id ? record.name : msg('problems.applications.checks.nameDiffers', { applicant: applicant.name, registry: record.name }),
    },
    {
      key: 'id_number',
      isOk: idConsistent,
      labelZh: '身份证号码有效，与出生日期、性别一致',
      labelEn: 'ID number valid, matches date of birth and sex',
      detail: parsed.ok ? (idConsistent ? msg('problems.applications.checks.consistent') : msg('problems.applications.checks.birthOrSexDiffers')) : parsed.message,
    },
    {
      key: 'registry_status',
      isOk: record.status === 'active',
      labelZh: '户籍状态正常',
      labelEn: 'Registry record active',
      detail: RESIDENT_STATUS_DETAIL[record.status as keyof typeof RESIDENT_STATUS_DETAIL] ?? `${record.status} / ${record.status}`,
    },
    {
      key: 'household',
      isOk: input.householdMemberIds.includes(record.id) && record.householdId === household.id && fromAddress === household.address,
      labelZh: '户籍地址与户号一致',
      labelEn: 'Household and address match the registry',
      detail:
        fromAddress === household.address
          ? msg('problems.applications.checks.householdNumber', { number: household.householdNumber })
          : msg('problems.applications.checks.addressDiffers', { from: fromAddress || '—', registry: household.address }),
    },
    {
      key: 'documents',
      isOk: missing.length === 0,
      labelZh: '必需材料齐全',
      labelEn: 'Required documents present',
      detail: missing.length === 0 ? msg('problems.applications.checks.complete') : msg('problems.applications.checks.missing', { list: missing.map((d) => d.labelZh).join('、') }),
    },
  ];
}
