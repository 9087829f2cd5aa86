// A private PostgreSQL 15 cluster for fault tests that must stop or restart the server itself
// (never the shared one other tests use). The tests run as root and initdb refuses root, so
// every server binary runs as the `postgres` user, with the data directory under /tmp owned by it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export type PrivatePostgres = {
  port: number;
  dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url: (database?: string) => string;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs a server binary as the postgres user when we are root (as in CI), directly otherwise. */
function asPostgres(binary: string, args: string[]) {
  const file = path.join(PG_BIN, binary);
  if (process.getuid?.() === 0) return run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 120_000 });
  return run(file, args, { timeout: 120_000 });
}

/**
 * initdb + pg_ctl start on a free port. Fails loudly (never skips) when the PostgreSQL 15 server
 * binaries are missing: CI has them (apt package postgresql-15).
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
    if (!fs.existsSync(path.join(PG_BIN, binary))) {
      throw new Error(`PostgreSQL server binary ${path.join(PG_BIN, binary)} is missing: install postgresql-15 (or set PG_BIN_DIR) — this fault test needs its own cluster`);
    }
  }
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'eid-pg-'));
  if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres:postgres', dataDir]);
  const port = await freePort();
  await asPostgres('initdb', ['-D', path.join(dataDir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const log = path.join(dataDir, 'server.log');
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', path.join(dataDir, 'data'), '-l', log, '-o', options, '-w', '-t', '60', ...args]);
  await pgCtl('start');
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async () => {
      await pgCtl('restart', '-m', 'fast');
    },
    stop: async () => {
      try {
        await pgCtl('stop', '-m', 'fast');
      } finally {
        await fsp.rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
