import { requireStaffPage } from '@/lib/auth/session';
import { EidLookup } from './eid-lookup';

export const metadata = { title: '电子身份证管理 / e-IDs' };

export default async function EidAdminPage() {
  await requireStaffPage(['supervisor', 'admin']);
  return (
    <main className="narrow">
      <h1>
        电子身份证管理 <span className="en">e-ID administration</span>
      </h1>
      <EidLookup />
    </main>
  );
}
