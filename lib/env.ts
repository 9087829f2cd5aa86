import { z } from 'zod';
import { parseFaceConfig, type FaceConfig } from './face/parse-face-config';
import { piiKeyRingSchema } from './privacy/field-encryption';

// The one place lib/ and app/ read process.env (lib/env-reads.test.ts holds them to it): every variable
// is declared and checked here, once per process.

// Empty strings count as unset, so `DATABASE_URL=` switches back to the embedded database.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  // A read replica for the clerk queue and dashboard reads; unset → reads go to DATABASE_URL.
  DATABASE_READ_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  // false on web instances when a separate worker process (npm run worker) runs the outbox and jobs.
  RUN_WORKERS: z.enum(['true', 'false']).default('true'),
  PGLITE_DATA_DIR: z.string().default('.data/pglite'),
  // How many proxies in front of the app append to X-Forwarded-For (lib/http/client-address.ts): the
  // client address is the entry this many places from the right. 0 (default) = the socket address,
  // ignoring X-Forwarded-For entirely; set it to the number of load balancers you run, never more.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  NEXTAUTH_SECRET: optional(z.string().min(16)),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
  MAIL_FROM: z.string().default('武汉市公安局电子身份证服务 <no-reply@eid.wuhan.example>'),
  OUTBOX_DIR: z.string().default('.data/outbox'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(5000),
  DEMO_SEED: optional(z.enum(['true', 'false'])),
  // The identity-QR authority key ring as JSON ({ active, keys: [{ id, privateKeyHex, publicKeyHex, sm4KeyHex }] },
  // lib/crypto/key-ring.ts); unset → a dev ring in the file below.
  IDENTITY_QR_KEYS: optional(z.string().min(2)),
  IDENTITY_QR_KEYS_FILE: z.string().default('.data/identity-keys.json'),
  // Staff two-factor sign-in: 'all' staff must enrol, or 'privileged' (supervisors and admins only);
  // unset → 'all' in production. The keys sealing TOTP secrets ({ active, keys: [{ id, key }] }, base64
  // 32-byte keys); unset → the dev file below if it exists, else a key derived from NEXTAUTH_SECRET.
  STAFF_TOTP_REQUIRED: optional(z.enum(['all', 'privileged'])),
  STAFF_TOTP_KEYS: optional(z.string().min(2)),
  STAFF_TOTP_KEYS_FILE: z.string().default('.data/totp-keys.json'),
  // Shared with the couriers: HMAC-SHA256 keys of their tracking webhooks, one per courier (a leaked
  // key then lets nobody forge another courier's events); the shared one is the fallback. Required in production.
  // The personal-data key ring as JSON ({ active, keys: [{ id, enc, mac }], index }, base64 keys: the shared
  // key-ring format of lib/crypto/key-ring.ts, which also still reads the older keys: { <id>: { enc, mac } });
  // required in production on PostgreSQL; unset elsewhere → a dev ring in the file below (lib/privacy/pii-keys.ts).
  PII_KEYS: optional(
    z
      .string()
      .transform((v, ctx) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON: { active, keys: [{ id, enc, mac }], index } (base64 keys)' });
          return z.NEVER;
        }
      })
      .pipe(piiKeyRingSchema),
  ),
  // Unset → pii-keys.json beside the PGlite data folder (.data/pii-keys.json by default): the keys live with the data.
  PII_KEYS_FILE: optional(z.string()),
  // How long a passed real-person check keeps a citizen session at L3: until the session ends or this
  // many minutes without a request (lib/auth/real-person-window.ts). Above the citizen idle limit
  // (30 min) it changes nothing: the session ends first.
  REAL_PERSON_WINDOW_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  COURIER_WEBHOOK_SECRET: optional(z.string().min(16)),
  COURIER_WEBHOOK_SECRET_EMS: optional(z.string().min(16)),
  COURIER_WEBHOOK_SECRET_SF: optional(z.string().min(16)),
  // A second public origin accepted on state-changing requests (lib/http/responses.ts), as next-auth names it.
  NEXTAUTH_URL: optional(z.url()),
  // Who runs scheduled job slots (lib/jobs/job-runs.ts); scripts/start.mjs names each process. Unset → host:pid.
  INSTANCE_ID: optional(z.string().trim().min(1)),
  // Where the demo seed finds the demo citizens' registry photos (db/seed.ts); unset → ../shared/testdata/faces.
  DEMO_PHOTOS_DIR: optional(z.string().trim().min(1)),
  // Where the face models and the WASM backend are, for a standalone deployment that copies them
  // (lib/face/engine.ts); unset → under node_modules. The FACE_* thresholds: lib/face/parse-face-config.ts.
  FACE_MODELS_DIR: optional(z.string()),
  FACE_WASM_DIR: optional(z.string()),
  // Set by Next.js: the production build phase (no secret needed then), and a server that handles
  // SIGTERM itself (lib/jobs/shutdown.ts).
  NEXT_PHASE: optional(z.string()),
  NEXT_MANUAL_SIG_HANDLE: optional(z.string()),
})
  // A deployment (production on PostgreSQL) without a courier key would refuse every courier's webhook:
  // stop start-up and name the variable instead of answering 500 to each request. The embedded default
  // (`npm start`) is a demo on this machine and uses the printed development key.
  .superRefine((env, ctx) => {
    if (!isProductionDeployment(env)) return;
    const missing = (['EMS', 'SF'] as const).filter((c) => !env[`COURIER_WEBHOOK_SECRET_${c}`]);
    if (!env.COURIER_WEBHOOK_SECRET && missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['COURIER_WEBHOOK_SECRET'],
        message: `required in production (at least 16 characters), unless every courier has its own key (${missing.map((c) => `COURIER_WEBHOOK_SECRET_${c}`).join(', ')} not set)`,
      });
    }
  });

export type Env = z.infer<typeof envSchema> & { isDemoSeedEnabled: boolean; face: FaceConfig };

/** A real deployment: built for production and on PostgreSQL. `npm start` on the embedded database is a demo, whatever NODE_ENV says. */
export function isProductionDeployment(env: { NODE_ENV?: string; DATABASE_URL?: string }): boolean {
  return env.NODE_ENV === 'production' && !!env.DATABASE_URL;
}

let cached: Env | undefined;

/** Parsed once per process; a bad value stops start-up with a message naming the variable. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The environment parsed and checked; throws naming every bad or missing variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    ...env,
    isDemoSeedEnabled: env.DEMO_SEED ? env.DEMO_SEED === 'true' : env.DATABASE_URL === undefined,
    face: parseFaceConfig(source),
  };
}

/**
 * The documented development webhook key (README, printed at start), so the embedded default can take
 * courier events out of the box; a deployment on PostgreSQL cannot start without its own (envSchema).
 */
export const DEV_COURIER_WEBHOOK_SECRET = 'dev-courier-webhook-secret-not-for-production';

/** True when some courier's webhooks fall back to the development key (printed at start). */
export function usesDevCourierWebhookSecret(env: Env = getEnv()): boolean {
  return !env.COURIER_WEBHOOK_SECRET && (!env.COURIER_WEBHOOK_SECRET_EMS || !env.COURIER_WEBHOOK_SECRET_SF);
}

/** A courier's webhook key: its own, else the shared one, else (never in a deployment, see envSchema) the development key. */
export function getCourierWebhookSecret(courier: 'EMS' | 'SF', env: Env = getEnv()): string {
  const own = courier === 'EMS' ? env.COURIER_WEBHOOK_SECRET_EMS : env.COURIER_WEBHOOK_SECRET_SF;
  if (own) return own;
  if (env.COURIER_WEBHOOK_SECRET) return env.COURIER_WEBHOOK_SECRET;
  // Unreachable in a deployment (the schema stops start-up); kept so a hand-built Env cannot slip through.
  if (isProductionDeployment(env)) throw new Error(`COURIER_WEBHOOK_SECRET_${courier} (or COURIER_WEBHOOK_SECRET) is not set: its webhooks are refused`);
  return DEV_COURIER_WEBHOOK_SECRET;
}
