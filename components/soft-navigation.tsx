'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { softNavigationHref } from '@/lib/navigation/soft-navigation';

/**
 * One click listener for the whole document: a plain click on a portal link (components/link.tsx) goes
 * through Next's router, a client-side navigation that keeps the page's scripts and state, as next/link's
 * own handler did. React's handlers on the document run first, so a link whose click a component handled
 * (preventDefault) is left alone.
 */
export function SoftNavigation() {
  const router = useRouter();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[data-nav="soft"]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const href = softNavigationHref(event, { href: anchor.href, target: anchor.target, download: anchor.hasAttribute('download') }, window.location);
      if (href === null) return;
      event.preventDefault();
      router.push(href);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [router]);
  return null;
}
