import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The portal's links: next/link without prefetching. By default next/link prefetches the page behind every
 * link that scrolls into view, and every page here is rendered per request for its reader — so one view of
 * the queue sent about 30 requests to the server (each running the root layout: session, actor, header)
 * before anyone clicked anything. A click now costs one request, for the page clicked. Navigation stays
 * client-side. Every link in app/ and components/ comes through here (app/structure.test.ts).
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
