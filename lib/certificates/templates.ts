// One template per certificate kind: it words what is printed; the layout is shared
// (render-certificate.ts). A kind without its own template uses the generic one, which prints the
// holder's registry facts and whatever the service's form adds.
import 'server-only';
import { CERTIFICATE_KIND_LABELS } from '@/lib/services/catalog';
import { TRANSFER_REASONS } from '@/lib/applications/household-transfer-form';
import { formatChineseDate, migrationPermitDocument, type CertificateDocument, type CertificateRow } from './render-certificate';

/** Everything a template may print; gathered once by issueCertificate. */
export type CertificateFacts = {
  kind: string;
  serialNumber: string;
  holderName: string;
  idNumberMasked: string;
  sex: 'male' | 'female';
  birthDate: string; // YYYY-MM-DD
  registeredAddress: string;
  districtName: string; // of the deciding office
  issuingAuthority: string;
  issuedAt: Date;
  verifyUrl: string;
  referenceNumber: string;
  form: Record<string, unknown>;
  /** Names a reissue on the face of the certificate (2 = first reissue). */
  copyNumber: number;
  toDistrictName?: string;
};

type Template = (facts: CertificateFacts) => CertificateDocument;

function withCopyRow(doc: CertificateDocument, facts: CertificateFacts): CertificateDocument {
  if (facts.copyNumber <= 1) return doc;
  return { ...doc, rows: [...doc.rows, { label: '补发', labelEn: 'Reissue', value: `第 ${facts.copyNumber - 1} 次补发 / Reissue no. ${facts.copyNumber - 1}` }] };
}

const migrationPermit: Template = (facts) => {
  const form = facts.form as { fromAddress?: string; toAddress?: string; reason?: string };
  return migrationPermitDocument({
    serialNumber: facts.serialNumber,
    holderName: facts.holderName,
    idNumberMasked: facts.idNumberMasked,
    sex: facts.sex,
    fromAddress: form.fromAddress ?? facts.registeredAddress,
    toAddress: form.toAddress ?? '',
    toDistrictName: facts.toDistrictName ?? facts.districtName,
    reason: (form.reason && TRANSFER_REASONS[form.reason as keyof typeof TRANSFER_REASONS]?.zh) ?? form.reason ?? '',
    issuingAuthority: facts.issuingAuthority,
    issuedAt: facts.issuedAt,
    verifyUrl: facts.verifyUrl,
    referenceNumber: facts.referenceNumber,
  });
};

/** Household-register page, licence documents and any later kind: registry facts plus the form's extra rows. */
export function genericCertificateDocument(facts: CertificateFacts, extraRows: CertificateRow[] = []): CertificateDocument {
  const labels = CERTIFICATE_KIND_LABELS[facts.kind] ?? { zh: '证明', en: 'Certificate' };
  return {
    titleZh: labels.zh,
    titleEn: labels.en,
    statementZh: `兹证明下列人员信息与人口信息库登记一致，特此出具${labels.zh}。`,
    statementEn: `This certifies that the particulars below match the population registry. ${labels.en}.`,
    rows: [
      { label: '编号', labelEn: 'Serial No.', value: facts.serialNumber },
      { label: '姓名', labelEn: 'Name', value: facts.holderName },
      { label: '性别', labelEn: 'Sex', value: facts.sex === 'male' ? '男 / Male' : '女 / Female' },
      { label: '出生日期', labelEn: 'Date of birth', value: facts.birthDate },
      { label: '公民身份号码', labelEn: 'ID No.', value: facts.idNumberMasked },
      { label: '住址', labelEn: 'Address', value: facts.registeredAddress },
      ...extraRows,
      { label: '申请编号', labelEn: 'Application ref.', value: facts.referenceNumber },
      { label: '签发机关', labelEn: 'Issuing authority', value: facts.issuingAuthority },
      { label: '签发日期', labelEn: 'Date issued', value: formatChineseDate(facts.issuedAt) },
    ],
    serialNumber: facts.serialNumber,
    holderName: facts.holderName,
    issuingAuthority: facts.issuingAuthority,
    issuedAt: facts.issuedAt,
    verifyUrl: facts.verifyUrl,
    subject: `${facts.holderName} ${labels.zh}`,
  };
}

const TEMPLATES: Record<string, Template> = {
  migration_permit: migrationPermit,
  household_register_page: (facts) => genericCertificateDocument(facts),
  driving_licence_document: (facts) => {
    const form = facts.form as { licenceNumberMasked?: string; licenceClass?: string };
    const extra: CertificateRow[] = [];
    if (form.licenceClass) extra.push({ label: '准驾车型', labelEn: 'Licence class', value: form.licenceClass });
    return genericCertificateDocument(facts, extra);
  },
};

export function certificateDocumentFor(facts: CertificateFacts): CertificateDocument {
  const template = TEMPLATES[facts.kind] ?? ((f: CertificateFacts) => genericCertificateDocument(f));
  return withCopyRow(template(facts), facts);
}
