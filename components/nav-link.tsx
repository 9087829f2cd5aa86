'use client';

import { Link } from '@/components/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** A header link that marks itself as the current page (its own path, or anything under `section`). */
export function NavLink({ href, section, children }: { href: string; section?: string; children: ReactNode }) {
  const pathname = usePathname();
  const isCurrent = pathname === href || (!!section && (pathname === section || pathname.startsWith(`${section}/`)));
  return (
    <Link href={href} aria-current={isCurrent ? 'page' : undefined}>
      {children}
    </Link>
  );
}
