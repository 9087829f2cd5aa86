// What the wallet shows about a computer asking to be signed in (QRLjacking defence, issue 15 item 3):
// the browser, roughly where it is, and when it asked, plus the number-matching choices. Pure, so the
// page and the tests read the same rules.
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';

/** A short browser label from the User-Agent ("Chrome on Windows"): enough to notice "that is not my computer". */
export function describeBrowser(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /MicroMessenger/i.test(ua)
          ? 'WeChat'
          : /Chrom(e|ium)\//.test(ua)
            ? 'Chrome'
            : /Safari\//.test(ua)
              ? 'Safari'
              : null;
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad|iOS/.test(ua)
        ? 'iOS'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  if (!browser && !system) return 'unknown';
  return [browser ?? 'browser', system].filter(Boolean).join(' on ');
}

/**
 * Where the computer is, as far as its address says. There is no GeoIP data in this deployment, so
 * the label is coarse: the same network as the phone, this machine, a private network, or the
 * internet (place unknown). A request from elsewhere than the person's own network is the warning sign.
 */
export type PlaceLabel = 'same_network' | 'local' | 'private_network' | 'internet' | 'unknown';

export function describePlace(requesterAddress: string | null | undefined, phoneAddress: string | null | undefined): PlaceLabel {
  if (!requesterAddress || !isIP(requesterAddress)) return 'unknown';
  if (phoneAddress && requesterAddress === phoneAddress) return 'same_network';
  if (/^(127\.|::1$)/.test(requesterAddress)) return 'local';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|f[cd][0-9a-f]{2}:|fe80:)/i.test(requesterAddress)) return 'private_network';
  return 'internet';
}

/** The two-digit number the computer shows. */
export function drawMatchNumber(): number {
  return randomInt(10, 100);
}

/** Three two-digit choices for the phone, one of them the computer's, in random order. */
export function matchChoices(matchNumber: number): number[] {
  const choices = new Set([matchNumber]);
  while (choices.size < 3) choices.add(randomInt(10, 100));
  const list = [...choices];
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = randomInt(0, i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
