import { NextResponse } from 'next/server';
import { getConnection } from '@/db/client';
import { readMigrationLevel } from '@/db/connect';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: which database, and which migration it is on. */
export async function GET() {
  try {
    const connection = await getConnection();
    const migrations = await readMigrationLevel(connection.db);
    return NextResponse.json({ status: 'ok', database: connection.kind, migrations });
  } catch (error) {
    console.error('[health]', error instanceof Error ? error.message : error);
    return NextResponse.json({ status: 'error', message: 'database unavailable' }, { status: 503 });
  }
}
