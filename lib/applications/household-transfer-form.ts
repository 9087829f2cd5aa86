// The household-transfer reasons, as the certificate template and the clerk's page label them. The
// form itself is built from the catalogue's field definitions (lib/services/form-schema.ts).
export const TRANSFER_REASONS = {
  graduate_employment: { zh: '高校毕业生就业落户', en: 'Graduate taking up employment' },
  spouse: { zh: '夫妻投靠', en: 'Joining a spouse' },
  house_purchase: { zh: '购房落户', en: 'Owner of a home' },
} as const;

export type HouseholdTransferForm = {
  toDistrictCode: string;
  toAddress: string;
  reason: keyof typeof TRANSFER_REASONS;
  employer: string;
  deliveryAddress: string;
  contactPhone: string;
  notificationEmail: string;
};
