import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Link } from '@/components/link';
import { softNavigationHref, type LinkClick, type LinkTarget } from './soft-navigation';

const PLAIN: LinkClick = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
const HERE = { origin: 'https://eid.example.gov.cn', pathname: '/me', search: '' };
const to = (href: string, more: Partial<LinkTarget> = {}): LinkTarget => ({ href: new URL(href, HERE.origin).href, target: '', download: false, ...more });

describe('softNavigationHref: which link clicks go through the router', () => {
  it('takes a plain left click on a link of this site, with its query and fragment', () => {
    expect(softNavigationHref(PLAIN, to('/staff/queue?status=submitted&sort=submittedAt'), HERE)).toBe('/staff/queue?status=submitted&sort=submittedAt');
    expect(softNavigationHref(PLAIN, to('/me?finished=all#finished-heading'), HERE)).toBe('/me?finished=all#finished-heading');
    expect(softNavigationHref(PLAIN, to('/wallet', { target: '_self' }), HERE)).toBe('/wallet');
    expect(softNavigationHref(PLAIN, to('/me'), HERE)).toBe('/me');
  });

  it('leaves to the browser a middle or modified click: a new tab or window, or a download', () => {
    expect(softNavigationHref({ ...PLAIN, button: 1 }, to('/wallet'), HERE)).toBeNull();
    for (const key of ['metaKey', 'ctrlKey', 'shiftKey', 'altKey'] as const) expect(softNavigationHref({ ...PLAIN, [key]: true }, to('/wallet'), HERE), key).toBeNull();
  });

  it('leaves alone a click a component already handled', () => {
    expect(softNavigationHref({ ...PLAIN, defaultPrevented: true }, to('/wallet'), HERE)).toBeNull();
  });

  it('leaves to the browser a link that opens elsewhere, downloads, leaves the site or is not http', () => {
    expect(softNavigationHref(PLAIN, to('/api/documents/1', { target: '_blank' }), HERE)).toBeNull();
    expect(softNavigationHref(PLAIN, to('/api/certificates/1', { download: true }), HERE)).toBeNull();
    expect(softNavigationHref(PLAIN, to('https://www.gov.cn/'), HERE)).toBeNull();
    expect(softNavigationHref(PLAIN, to('http://eid.example.gov.cn/me'), HERE)).toBeNull();
    expect(softNavigationHref(PLAIN, { href: 'mailto:help@example.gov.cn', target: '', download: false }, HERE)).toBeNull();
    expect(softNavigationHref(PLAIN, { href: 'not a url', target: '', download: false }, HERE)).toBeNull();
  });

  it('leaves a jump within the same page to the browser', () => {
    expect(softNavigationHref(PLAIN, to('/me#main'), HERE)).toBeNull();
    expect(softNavigationHref(PLAIN, to('/me?finished=all#main'), { ...HERE, search: '?finished=all' })).toBeNull();
  });
});

describe('Link', () => {
  it('is a plain anchor marked for the listener, with the attributes it was given', () => {
    const props = { href: '/me/applications/1', className: 'title', 'data-testid': 'row', 'aria-current': 'page' as const };
    const markup = renderToStaticMarkup(createElement(Link, props, '查看'));
    expect(markup).toBe('<a class="title" data-testid="row" aria-current="page" href="/me/applications/1" data-nav="soft">查看</a>');
  });
});
