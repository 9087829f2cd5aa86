// npm run keys:rotate — adds a new identity-QR signing key to the dev key ring file and makes it
// active; older keys keep verifying codes already shown. Restart the portal to start issuing with it.
// (In production the ring comes from IDENTITY_QR_KEYS: rotate there the same way.)
//
// npm run keys:rotate -- --totp — the keys sealing staff TOTP secrets: adds a new key to the dev ring
// file (.data/totp-keys.json) and makes it active, then reseals every secret in the database under it.
// With STAFF_TOTP_KEYS set (production) it only reseals: put the new key in that ring and make it active
// on every instance first, run this, then the old key may be dropped.
// Both rings rotate the one way (lib/crypto/key-ring.ts: a fresh key added and made active, the old ones
// kept) and are written the one way (atomically, mode 0600).
import fs from 'node:fs';
import path from 'node:path';
import { loadOrCreateDevKeyRing, rotateKeyRing } from '../lib/crypto/authority-keys';
import { writeKeyRingFile } from '../lib/crypto/key-ring';

async function rotateIdentityQrKeys() {
  const file = path.resolve(process.env.IDENTITY_QR_KEYS_FILE ?? '.data/identity-keys.json');
  const rotated = rotateKeyRing(await loadOrCreateDevKeyRing(file));
  writeKeyRingFile(file, rotated);
  console.log(`Active identity-QR key is now ${rotated.active} (${rotated.keys.length} keys in ${path.relative(process.cwd(), file)}). Restart the portal.`);
}

async function rotateTotpSealingKeys() {
  // The dev secret npm start keeps in .data/auth-secret, when the environment has none (it opens the 'auth' key).
  const secretFile = path.resolve('.data/auth-secret');
  if (!process.env.NEXTAUTH_SECRET?.trim() && fs.existsSync(secretFile)) process.env.NEXTAUTH_SECRET = fs.readFileSync(secretFile, 'utf8').trim();
  // Loaded here, not at the top: the identity-QR rotation needs no database.
  const [{ getDb, closeConnection }, { getEnv }, { getAuthSecret }, sealing] = await Promise.all([import('../db/client'), import('../lib/env'), import('../lib/auth/secret'), import('../lib/auth/totp-sealing')]);
  const env = getEnv();
  let stored = sealing.readStoredTotpKeyRing(env);
  if (!env.STAFF_TOTP_KEYS) {
    stored = sealing.rotateStoredTotpKeyRing(stored);
    writeKeyRingFile(path.resolve(env.STAFF_TOTP_KEYS_FILE), stored);
  }
  const ring = sealing.totpSealingFrom(getAuthSecret(), stored);
  try {
    const { resealed } = await (await getDb()).transaction((tx) => sealing.resealTotpSecrets(tx, ring));
    console.log(`TOTP secrets are now sealed under key ${ring.activeKeyId}: ${resealed} resealed.`);
  } finally {
    await closeConnection();
  }
}

(process.argv.includes('--totp') ? rotateTotpSealingKeys() : rotateIdentityQrKeys()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
