import Link from 'next/link';
import { requireCitizenPage } from '@/lib/auth/session';
import { SERVICE_CATALOG } from '@/lib/services/catalog';

export const metadata = { title: '办事指南 / Services' };

export default async function ServiceCataloguePage() {
  await requireCitizenPage();
  return (
    <main>
      <h1>
        在线办理 <span className="en">Services you can apply for online</span>
      </h1>
      {SERVICE_CATALOG.map((service) => (
        <section key={service.id} className="card">
          <h2>
            {service.nameZh} <span className="en">{service.nameEn}</span>
          </h2>
          <p>
            {service.summaryZh}
            <span className="en"> {service.summaryEn}</span>
          </p>
          <p className="hint">
            {service.deadlineWorkingDays} 个工作日办结 · 需上传：{service.documents.filter((d) => d.isRequired).map((d) => d.labelZh).join('、')}
            {' / '}
            {service.deadlineWorkingDays} working days · Upload: {service.documents.filter((d) => d.isRequired).map((d) => d.labelEn).join(', ')}
          </p>
          <Link className="button" href={`/me/apply/${service.id}`}>
            申请 / Apply
          </Link>
        </section>
      ))}
    </main>
  );
}
