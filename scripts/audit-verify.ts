// npm run audit:verify
// Walks the audit trail's hash chain in the database named by DATABASE_URL (else the embedded PGlite
// in PGLITE_DATA_DIR) and prints OK with the count, or names the first broken row and exits 1.
// Read-only; for PGlite stop the app first (an embedded database folder takes one process at a time).
import path from 'node:path';
import { openDatabase } from '../db/connect';
import { verifyAuditChain } from '../lib/audit/verify-chain';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL?.trim();
  const connection = url
    ? await openDatabase({ kind: 'postgresql', url })
    : await openDatabase({ kind: 'pglite', dataDir: path.resolve(process.env.PGLITE_DATA_DIR ?? '.data/pglite') });
  try {
    const verdict = await verifyAuditChain(connection.db);
    if (verdict.ok) {
      const legacy = verdict.unchainedBeforeChain > 0 ? ` (${verdict.unchainedBeforeChain} older rows predate the chain)` : '';
      console.log(`OK: ${verdict.chained} audit events, hash chain intact up to row ${verdict.lastId}${legacy}`);
      return 0;
    }
    console.error(`BROKEN at audit event ${verdict.brokenId}: ${verdict.reason} (${verdict.checked} events verified before it)`);
    return 1;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
