// npm run bench:pii [-- --seconds 2 --residents 100000 --seed]
// What encryption at rest costs: µs per encrypt / decrypt / blind index / JSON seal on one thread,
// then the crypto work the registry seed adds for N residents (every ID number, phone and credential
// number encrypted and indexed), measured alone. With --seed it also seeds a fresh database
// (DATABASE_URL, else a throwaway PGlite folder) with N residents and reports the whole seed's time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase } from '@/db/connect';
import { generateRegistry } from '@/db/registry-generator';
import { seedDemoData } from '@/db/seed';
import { blindIndex, decryptValue, encryptValue, generatePiiKeyRing, piiKeyRingSchema } from '@/lib/privacy/field-encryption';
import { SM3_SM4_BACKENDS } from '@/lib/crypto/sm3-sm4';
import { openJson, sealJson } from '@/lib/privacy/pii-columns';
import { setPiiKeyRing } from '@/lib/privacy/pii-keys';

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '2' }, residents: { type: 'string', default: '100000' }, seed: { type: 'boolean', default: false } },
});
const SECONDS = Number(args.seconds);
const RESIDENTS = Number(args.residents);

const ring = piiKeyRingSchema.parse(generatePiiKeyRing('b1'));
setPiiKeyRing(ring);

function measure(label: string, operation: () => unknown): void {
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) operation();
  let iterations = 0;
  const started = performance.now();
  const stopAt = started + SECONDS * 1000;
  do {
    operation();
    iterations++;
  } while (performance.now() < stopAt);
  const micros = ((performance.now() - started) * 1000) / iterations;
  console.log(`| ${label} | ${micros.toFixed(2)} | ${Math.round(1e6 / micros).toLocaleString('en-US')} |`);
}

async function main() {
  const cpus = os.cpus();
  console.log(`Node ${process.version}, ${cpus.length} logical core(s): ${cpus[0]?.model ?? '?'}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
  const id = '42010619900307123X';
  const phone = '13800138000';
  const storedId = encryptValue(ring, id);
  const form = { toDistrictCode: '420106', toAddress: '武汉市武昌区中南路 88 号', reason: 'graduate_employment', employer: '某公司', deliveryAddress: '武汉市江汉区', contactPhone: phone, notificationEmail: 'a@b.test' };
  const sealed = sealJson(ring, form);
  console.log('| operation | µs per op | ops/s |\n|---|--:|--:|');
  measure('encrypt an ID number (SM4-CBC + HMAC-SM3)', () => encryptValue(ring, id));
  measure('decrypt an ID number (tag check + SM4-CBC)', () => decryptValue(ring, storedId));
  measure('blind index of an ID number (HMAC-SM3)', () => blindIndex(ring, 'id_number', id));
  measure('seal a household-transfer form (JSON walk + 1 encrypt)', () => sealJson(ring, form));
  measure('open a sealed form (JSON walk + 1 decrypt)', () => openJson(ring, sealed));
  // The other SM3/SM4 users (audit hash chain, identity QR), on each implementation lib/crypto/sm3-sm4.ts has.
  const auditRow = new TextEncoder().encode(JSON.stringify({ action: 'application.transitioned', details: { form }, prev: 'f'.repeat(64) }));
  const qrKey = new Uint8Array(16).fill(7);
  const qrPlain = new Uint8Array(32).fill(9);
  for (const impl of Object.values(SM3_SM4_BACKENDS)) {
    measure(`SM3 of a ${auditRow.length}-byte audit row — ${impl.backend}`, () => impl.hashSm3(auditRow));
    measure(`SM4-CBC of an identity QR's 32 bytes — ${impl.backend}`, () => impl.encryptSm4Cbc(qrKey, new Uint8Array(16), qrPlain));
  }

  const registry = generateRegistry(RESIDENTS);
  const started = performance.now();
  for (const r of registry.residentRows) {
    encryptValue(ring, r.idNumber);
    encryptValue(ring, r.phone);
    blindIndex(ring, 'id_number', r.idNumber);
    blindIndex(ring, 'phone', r.phone);
  }
  for (const c of registry.credentialRows) {
    encryptValue(ring, c.number);
    blindIndex(ring, 'credential_number', c.number);
  }
  const cryptoSeconds = (performance.now() - started) / 1000;
  console.log(
    `\nCrypto added to seeding ${registry.residentRows.length.toLocaleString('en-US')} residents and ${registry.credentialRows.length.toLocaleString('en-US')} credentials: ` +
      `${cryptoSeconds.toFixed(2)} s (${registry.residentRows.length * 2 + registry.credentialRows.length} encryptions, as many blind indexes)`,
  );

  if (args.seed) {
    const url = process.env.DATABASE_URL?.trim();
    const dir = url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pii-'));
    const connection = url ? await openDatabase({ kind: 'postgresql', url }) : await openDatabase({ kind: 'pglite', dataDir: dir! });
    try {
      await migrateDatabase(connection);
      const seedStarted = performance.now();
      const summary = await seedDemoData(connection.db, { residents: RESIDENTS, publicBaseUrl: 'http://localhost:3000' });
      if (summary.skipped) throw new Error('the database already has data: give a fresh one');
      console.log(`Whole seed with encryption on ${connection.kind}: ${((performance.now() - seedStarted) / 1000).toFixed(1)} s for ${summary.residents.toLocaleString('en-US')} residents`);
    } finally {
      await connection.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
