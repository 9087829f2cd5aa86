import Link from 'next/link';
import { requireCitizenPage } from '@/lib/auth/session';
import { SERVICE_CATALOG } from '@/lib/services/catalog';

export const metadata = { title: '在线办理 / Apply online' };

const CATEGORY_LABELS = { household: { zh: '户籍业务', en: 'Household registration' }, traffic: { zh: '交管业务', en: 'Traffic' } } as const;

export default async function ServiceCataloguePage() {
  await requireCitizenPage();
  return (
    <main>
      <p className="breadcrumb">
        <Link href="/me">← 我的办件 / My applications</Link>
      </p>
      <h1>
        在线办理 <span className="en">Services you can apply for online</span>
      </h1>
      <p className="lead">
        选择要办理的事项。提交后由民警网上审批，批准的证件将快递到您填写的地址。
        <span className="en"> Choose a service. A clerk decides online and the certificate is mailed to the address you give.</span>
      </p>
      {SERVICE_CATALOG.map((service) => {
        const required = service.documents.filter((d) => d.isRequired);
        const optional = service.documents.filter((d) => !d.isRequired);
        return (
          <section key={service.id} className="card service-card" aria-labelledby={`${service.id}-heading`}>
            <span className="step-label">
              {CATEGORY_LABELS[service.category].zh} / {CATEGORY_LABELS[service.category].en}
            </span>
            <h2 id={`${service.id}-heading`} style={{ marginTop: 2 }}>
              {service.nameZh} <span className="en">{service.nameEn}</span>
            </h2>
            <p>
              {service.summaryZh}
              <span className="en"> {service.summaryEn}</span>
            </p>
            <dl className="facts">
              <dt>办理时限 Time limit</dt>
              <dd>
                {service.deadlineWorkingDays} 个工作日 <span className="en">{service.deadlineWorkingDays} working days</span>
              </dd>
              <dt>需上传 Upload</dt>
              <dd>
                {required.map((d) => d.labelZh).join('、')} <span className="en">{required.map((d) => d.labelEn).join(', ')}</span>
              </dd>
              {optional.length > 0 && (
                <>
                  <dt>可选上传 Optional</dt>
                  <dd>
                    {optional.map((d) => d.labelZh).join('、')} <span className="en">{optional.map((d) => d.labelEn).join(', ')}</span>
                  </dd>
                </>
              )}
              <dt>审批 Approval</dt>
              <dd>
                {service.approvalChain === 'clerk_and_supervisor' ? (
                  <>审批民警批准，负责人复核 <span className="en">Clerk approves, supervisor countersigns</span></>
                ) : (
                  <>审批民警网上审批 <span className="en">Decided online by a clerk</span></>
                )}
              </dd>
            </dl>
            <Link className="button" href={`/me/apply/${service.id}`}>
              在线申请 / Apply<span className="visually-hidden">：{service.nameZh}</span>
            </Link>
          </section>
        );
      })}
    </main>
  );
}
