import fs from 'node:fs';

/** Debian's Chromium when installed (.ci/run installs it); otherwise Playwright's own browser. */
export const CHROMIUM_EXECUTABLE = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
