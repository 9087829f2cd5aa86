import type { Metadata } from 'next';
import { STAFF_ROLES_THAT } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/session';
import { ClientMessages } from '@/lib/i18n/client-messages';
import { getTranslator } from '@/lib/i18n/server';
import { WUHAN_DISTRICTS } from '@/lib/identity/id-number';
import { designerChoices } from '@/lib/services/designer';
import { blankServiceDefinition } from '@/lib/services/designer-model';
import { ServiceDesigner } from '../service-designer';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('staff.catalogue.newTitle') };
}

export default async function NewServicePage() {
  await requireStaffPage(STAFF_ROLES_THAT.designServices);
  const { t } = await getTranslator();
  return (
    <main className="wide">
      <h1>{t('staff.catalogue.newTitle')}</h1>
      <p className="hint">{t('staff.catalogue.newIntro')}</p>
      <ClientMessages scope="staffCatalogue">
        <ServiceDesigner initial={blankServiceDefinition()} basedOnVersion={null} districts={WUHAN_DISTRICTS} choices={designerChoices()} />
      </ClientMessages>
    </main>
  );
}
