import { describe, expect, it } from 'vitest';
import { DEV_COURIER_WEBHOOK_SECRET, getCourierWebhookSecret, parseEnv, usesDevCourierWebhookSecret, type Env } from './env';

const base = { NODE_ENV: 'production' } as Env;
const DEPLOYMENT = { NODE_ENV: 'production', DATABASE_URL: 'postgres://eid@db.internal:5432/eid' };

describe('courier webhook keys', () => {
  it('uses the courier’s own key, else the shared one', () => {
    const env = { ...base, COURIER_WEBHOOK_SECRET: 'shared-key-0123456789', COURIER_WEBHOOK_SECRET_SF: 'sf-key-0123456789abc' } as Env;
    expect(getCourierWebhookSecret('SF', env)).toBe('sf-key-0123456789abc');
    expect(getCourierWebhookSecret('EMS', env)).toBe('shared-key-0123456789');
  });

  it('on the embedded default (`npm start`: a production build without DATABASE_URL) webhooks work with the documented development key, which start-up prints', () => {
    const embedded = parseEnv({ NODE_ENV: 'production' });
    expect(getCourierWebhookSecret('EMS', embedded)).toBe(DEV_COURIER_WEBHOOK_SECRET);
    expect(getCourierWebhookSecret('SF', embedded)).toBe(DEV_COURIER_WEBHOOK_SECRET);
    expect(usesDevCourierWebhookSecret(embedded)).toBe(true);
    expect(getCourierWebhookSecret('EMS', parseEnv({ NODE_ENV: 'development' }))).toBe(DEV_COURIER_WEBHOOK_SECRET);
    expect(usesDevCourierWebhookSecret(parseEnv({ NODE_ENV: 'production', COURIER_WEBHOOK_SECRET: 'shared-key-0123456789' }))).toBe(false);
  });

  it('in production on PostgreSQL a missing key stops start-up and names the variable, instead of failing each webhook', () => {
    expect(() => parseEnv(DEPLOYMENT)).toThrow(/COURIER_WEBHOOK_SECRET: required in production/);
    // One courier's own key is not enough: the other would have none.
    expect(() => parseEnv({ ...DEPLOYMENT, COURIER_WEBHOOK_SECRET_EMS: 'ems-key-0123456789ab' })).toThrow(/COURIER_WEBHOOK_SECRET_SF not set/);
    expect(parseEnv({ ...DEPLOYMENT, COURIER_WEBHOOK_SECRET: 'shared-key-0123456789' }).COURIER_WEBHOOK_SECRET).toBe('shared-key-0123456789');
    const ownKeys = parseEnv({ ...DEPLOYMENT, COURIER_WEBHOOK_SECRET_EMS: 'ems-key-0123456789ab', COURIER_WEBHOOK_SECRET_SF: 'sf-key-0123456789abc' });
    expect(getCourierWebhookSecret('SF', ownKeys)).toBe('sf-key-0123456789abc');
    // A hand-built deployment Env without a key is still refused, never given the development key.
    expect(() => getCourierWebhookSecret('EMS', { ...base, DATABASE_URL: DEPLOYMENT.DATABASE_URL } as Env)).toThrow(/COURIER_WEBHOOK_SECRET_EMS/);
  });
});
