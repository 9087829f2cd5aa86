import { z } from 'zod';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';

const districtCodes = WUHAN_DISTRICTS.map((d) => d.code) as [string, ...string[]];

export const TRANSFER_REASONS = {
  graduate_employment: { zh: '高校毕业生就业落户', en: 'Graduate taking up employment' },
  spouse: { zh: '夫妻投靠', en: 'Joining a spouse' },
  house_purchase: { zh: '购房落户', en: 'Owner of a home' },
} as const;

// The household-transfer form. Messages are bilingual and name what to fix.
export const householdTransferSchema = z.object({
  toDistrictCode: z.enum(districtCodes, { error: '请选择迁入区 / Choose the district you are moving to' }),
  toAddress: z
    .string()
    .trim()
    .min(6, '请填写完整的迁入地址（街道、门牌号）/ Enter the full new address (street and number)')
    .max(200, '地址过长 / The address is too long'),
  reason: z.enum(Object.keys(TRANSFER_REASONS) as [keyof typeof TRANSFER_REASONS], {
    error: '请选择迁移原因 / Choose the reason for the transfer',
  }),
  employer: z.string().trim().max(100, '单位名称过长 / The employer name is too long').optional().default(''),
  deliveryAddress: z
    .string()
    .trim()
    .min(6, '请填写证件邮寄地址 / Enter the address to mail the certificate to')
    .max(200, '地址过长 / The address is too long'),
  contactPhone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '请填写 11 位手机号码，供快递员联系 / Enter an 11-digit mobile number for the courier'),
  notificationEmail: z
    .union([z.literal(''), z.email('电子邮箱格式不正确 / The e-mail address is not valid')])
    .optional()
    .default(''),
}).superRefine((form, ctx) => {
  if (form.reason === 'graduate_employment' && form.employer.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['employer'], message: '请填写就业单位 / Enter your employer' });
  }
});

export type HouseholdTransferForm = z.infer<typeof householdTransferSchema>;
