import type { ComponentProps } from 'react';

/**
 * The portal's links: a plain anchor that the document's one click listener (components/soft-navigation.tsx,
 * in the root layout) turns into a client-side navigation, as next/link would — without being a client
 * component. next/link made every link a client reference in the page's payload, rendered on the server
 * and hydrated in the browser, and by default prefetched the page behind every link in view: every page
 * here renders per request for its reader, so one view of the queue sent about 30 requests to the server
 * (each running the root layout: session, actor, header) before anyone clicked. Now a click costs one
 * request, for the page clicked, and nothing is fetched before. Before the page has hydrated, a click is a
 * plain page load. Every link in app/ and components/ comes through here (app/structure.test.ts).
 */
export function Link({ href, ...props }: Omit<ComponentProps<'a'>, 'href'> & { href: string }) {
  return <a {...props} href={href} data-nav="soft" />;
}
