// npm run keys:rotate — adds a new identity-QR signing key to the dev key ring file and makes it
// active; older keys keep verifying codes already shown. Restart the portal to start issuing with it.
// (In production the ring comes from IDENTITY_QR_KEYS: rotate there the same way.)
import fs from 'node:fs';
import path from 'node:path';
import { loadOrCreateDevKeyRing, rotateKeyRing } from '../lib/crypto/authority-keys';

async function main() {
  const file = path.resolve(process.env.IDENTITY_QR_KEYS_FILE ?? '.data/identity-keys.json');
  const rotated = rotateKeyRing(await loadOrCreateDevKeyRing(file));
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(rotated, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  console.log(`Active identity-QR key is now ${rotated.active} (${rotated.keys.length} keys in ${path.relative(process.cwd(), file)}). Restart the portal.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
