// One demo terminal of each kind. Their keys are derived from the server's secret
// (deriveDemoTerminalKey), so a development server can print them on every start.
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/connect';
import { verifierTerminals, type TerminalKind } from '@/db/schema';
import { deriveDemoTerminalKey, hashTerminalApiKey, terminalApiKeyPrefix } from './api-keys';

export const DEMO_TERMINALS: { name: string; kind: TerminalKind; districtCode: string }[] = [
  { name: '光谷网咖（演示）', kind: 'internet_cafe', districtCode: '420111' },
  { name: '武汉马拉松检录口（演示）', kind: 'event_gate', districtCode: '420106' },
  { name: '江岸区政务服务中心窗口（演示）', kind: 'service_counter', districtCode: '420102' },
];

/**
 * Creates the demo terminals, or re-keys them when the secret changed. Runs on every start, so a
 * database seeded earlier gets them too; a demo terminal an admin deactivated stays deactivated.
 */
export async function seedDemoTerminals(db: Executor, secret: string): Promise<void> {
  for (const demo of DEMO_TERMINALS) {
    const key = deriveDemoTerminalKey(secret, demo.kind);
    const keyColumns = { apiKeyHash: hashTerminalApiKey(key), apiKeyPrefix: terminalApiKeyPrefix(key) };
    const [existing] = await db.select({ id: verifierTerminals.id, apiKeyHash: verifierTerminals.apiKeyHash }).from(verifierTerminals).where(eq(verifierTerminals.name, demo.name));
    if (!existing) await db.insert(verifierTerminals).values({ ...demo, ...keyColumns });
    else if (existing.apiKeyHash !== keyColumns.apiKeyHash) await db.update(verifierTerminals).set(keyColumns).where(eq(verifierTerminals.id, existing.id));
  }
}
