// Issue 16: gzip in the Node process cost 3–5 ms of its one main thread per page, so the app leaves
// compression to the reverse proxy in front (docs/deployment.md › Compression) unless told otherwise.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CONFIG = path.join(ROOT, 'next.config.js');
const requireFresh = createRequire(import.meta.url);

function loadConfig(): { compress?: boolean } {
  delete requireFresh.cache[CONFIG];
  return requireFresh(CONFIG) as { compress?: boolean };
}

describe('compression', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is off in the Node process by default, and on only with APP_COMPRESS=true (no proxy in front)', () => {
    vi.stubEnv('APP_COMPRESS', '');
    expect(loadConfig().compress).toBe(false);
    vi.stubEnv('APP_COMPRESS', 'yes');
    expect(loadConfig().compress).toBe(false);
    vi.stubEnv('APP_COMPRESS', 'true');
    expect(loadConfig().compress).toBe(true);
  });

  it('is documented at the proxy, for nginx and Caddy', () => {
    const deployment = readFileSync(path.join(ROOT, 'docs', 'deployment.md'), 'utf8');
    const section = deployment.slice(deployment.indexOf('## Compression'), deployment.indexOf('\n## ', deployment.indexOf('## Compression') + 1));
    expect(section).toMatch(/gzip on;/);
    expect(section).toMatch(/encode \{\s*gzip/);
  });
});
