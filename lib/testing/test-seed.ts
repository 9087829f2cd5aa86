// What seedForTest writes, in one place: the seeded snapshot (test-snapshots.ts) and seedForTest
// (fixtures.ts) must seed exactly the same. No vitest import here: the snapshot builder runs under tsx.
import type { Database } from '@/db/connect';
import { seedDemoData } from '@/db/seed';

export const TEST_BASE_URL = 'http://portal.test';

export function seedTestData(db: Database) {
  return seedDemoData(db, { residents: 60, publicBaseUrl: TEST_BASE_URL, now: new Date('2026-11-20T02:00:00Z') });
}
