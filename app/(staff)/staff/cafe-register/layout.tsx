import type { ReactNode } from 'react';
import { ClientMessages } from '@/lib/i18n/client-messages';

// The messages this page's client components use, and no others (lib/i18n/client-scopes.ts).
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="staffCafeRegister">{children}</ClientMessages>;
}
