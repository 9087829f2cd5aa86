import type { z } from 'zod';
import type { documentDefinitionSchema } from '../fields';

// Options and documents several services of the catalogue ask for, worded once.
type DocumentInput = z.input<typeof documentDefinitionSchema>;
type Option = { value: string; zh: string; en: string };

export const SEX_OPTIONS: Option[] = [
  { value: 'male', zh: '男', en: 'Male' },
  { value: 'female', zh: '女', en: 'Female' },
];

export const RELATIVE_OPTIONS: Option[] = [
  { value: 'spouse', zh: '配偶', en: 'Spouse' },
  { value: 'child', zh: '子女', en: 'Child' },
  { value: 'parent', zh: '父母', en: 'Parent' },
  { value: 'household_member', zh: '同户成员', en: 'Member of the same household' },
];

export const TRAVEL_PURPOSE_OPTIONS: Option[] = [
  { value: 'tourism', zh: '旅游', en: 'Tourism' },
  { value: 'family', zh: '探亲访友', en: 'Visiting family or friends' },
  { value: 'business', zh: '商务', en: 'Business' },
  { value: 'study', zh: '学习', en: 'Study' },
];

export const HK_MACAU_ENDORSEMENTS: Option[] = [
  { value: 'tourism_single', zh: '个人旅游一次', en: 'Individual tourism, one visit' },
  { value: 'tourism_double', zh: '个人旅游二次', en: 'Individual tourism, two visits' },
  { value: 'family', zh: '探亲', en: 'Family visit' },
  { value: 'business', zh: '商务', en: 'Business' },
];

/** The digital ID-photo receipt (数码照片回执) a licensed studio issues for ID cards and travel documents. */
export const PHOTO_RECEIPT: DocumentInput = {
  kind: 'photo_receipt',
  labelZh: '数码照片回执',
  labelEn: 'Digital ID-photo receipt',
  isRequired: true,
  acceptedTypes: ['image/jpeg', 'image/png', 'application/pdf'],
  maxMegabytes: 5,
};

export const LICENCE_PHOTO: DocumentInput = {
  kind: 'licence_photo',
  labelZh: '证件照片',
  labelEn: 'Licence photo',
  isRequired: false,
  acceptedTypes: ['image/jpeg', 'image/png'],
  maxMegabytes: 5,
};

/** Compulsory third-party motor insurance (交强险). */
export const INSURANCE_POLICY: DocumentInput = {
  kind: 'insurance_policy',
  labelZh: '交强险保单',
  labelEn: 'Compulsory motor insurance policy',
  isRequired: true,
};
