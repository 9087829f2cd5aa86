import { describe, expect, it } from 'vitest';
import { DEV_COURIER_WEBHOOK_SECRET, getCourierWebhookSecret, type Env } from './env';

const base = { NODE_ENV: 'production' } as Env;

describe('courier webhook keys', () => {
  it('uses the courier’s own key, else the shared one', () => {
    const env = { ...base, COURIER_WEBHOOK_SECRET: 'shared-key-0123456789', COURIER_WEBHOOK_SECRET_SF: 'sf-key-0123456789abc' } as Env;
    expect(getCourierWebhookSecret('SF', env)).toBe('sf-key-0123456789abc');
    expect(getCourierWebhookSecret('EMS', env)).toBe('shared-key-0123456789');
  });

  it('refuses to run webhooks in production without a key, and uses the dev key only outside production', () => {
    expect(() => getCourierWebhookSecret('EMS', base)).toThrow(/COURIER_WEBHOOK_SECRET_EMS/);
    expect(getCourierWebhookSecret('EMS', { ...base, NODE_ENV: 'development' } as Env)).toBe(DEV_COURIER_WEBHOOK_SECRET);
  });
});
