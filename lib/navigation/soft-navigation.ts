// Which clicks on a portal link become a client-side navigation (components/soft-navigation.tsx).
//
// The portal's links are plain anchors marked `data-nav="soft"` (components/link.tsx), not next/link: a
// next/link is a client component, so every link on a page was a client reference in the page's payload
// and a component rendered on the server and hydrated in the browser — 23 of them on "My applications".
// One listener on the document does what next/link's click handler did: a plain left click on a marked
// link of this site goes through the router; anything else is left to the browser.

/** The parts of a click the decision reads (a MouseEvent has them all). */
export type LinkClick = {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
};

/** The parts of the clicked anchor the decision reads. */
export type LinkTarget = {
  /** The anchor's resolved address (HTMLAnchorElement.href). */
  href: string;
  /** Its `target` attribute, '' when none. */
  target: string;
  /** Whether it has a `download` attribute. */
  download: boolean;
};

/** Where the page is (window.location). */
export type PageLocation = { origin: string; pathname: string; search: string };

/**
 * The address to hand the router for this click, or null to let the browser follow the link itself:
 * a click another handler already took, a middle or modified click (a new tab or window, a download), a
 * link that opens elsewhere or downloads, another site's address, and a jump within this same page
 * (the browser scrolls to the anchor without asking the server).
 */
export function softNavigationHref(click: LinkClick, anchor: LinkTarget, location: PageLocation): string | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if ((anchor.target !== '' && anchor.target !== '_self') || anchor.download) return null;
  let url: URL;
  try {
    url = new URL(anchor.href);
  } catch {
    return null;
  }
  if (url.origin !== location.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (url.hash !== '' && url.pathname === location.pathname && url.search === location.search) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
