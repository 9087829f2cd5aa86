#!/usr/bin/env node
// Patches postgres.js 3.4.x (runs after `npm ci`): a pooled connection whose socket closes while
// a small write is buffered (a PostgreSQL restart under traffic does it) either crashes the whole
// process — nextWrite() runs from a setImmediate on a null socket, an uncaughtException — or is
// left "poisoned" with a stale write timer, so its next query fails or hangs. Upstream issues
// porsager/postgres#1154 and #1208 (open, unfixed in 3.4.9). The patch:
//   1. nextWrite() on a closed socket drops the buffer and rejects what waits (CONNECTION_CLOSED,
//      catchable, so the pool replaces the connection) instead of throwing;
//   2. both teardown paths reset the write timer and the buffer, so a reconnected socket flushes;
//   3. a closed connection forgets the server error its dead query received (FATAL 57P01 on a
//      fast shutdown): kept, it was handed to the first query on the reconnected socket.
// Idempotent; fails loudly if the driver's code no longer looks as expected (then check whether
// the new version fixed it, and drop this script).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '/* eid-portal: null-socket guard */';
const files = ['src', 'cjs/src', 'cf/src'].map((d) => path.join(ROOT, 'node_modules', 'postgres', d, 'connection.js')).filter((f) => fs.existsSync(f));

if (files.length === 0) {
  console.warn('[patch-postgres] postgres is not installed; nothing to patch');
  process.exit(0);
}
for (const file of files) {
  let text = fs.readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  const write = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
  const teardown = /^ {4}clearImmediate\(nextWriteTimer\)$/gm;
  const teardowns = text.match(teardown)?.length ?? 0;
  const closed = '  async function closed(hadError) {\n    incoming = Buffer.alloc(0)';
  if (!text.includes(write) || teardowns !== 2 || !text.includes(closed)) {
    console.error(`[patch-postgres] ${path.relative(ROOT, file)} does not match the expected postgres.js 3.4 code; review scripts/patch-postgres.mjs`);
    process.exit(1);
  }
  text = text.replace(
    write,
    `  function nextWrite(fn) {\n    if (!socket) { ${MARK}\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  );
  text = text.replace(closed, `${closed}\n    errorResponse = null`);
  text = text.replace(teardown, '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null');
  fs.writeFileSync(file, text);
  console.info(`[patch-postgres] patched ${path.relative(ROOT, file)}`);
}
