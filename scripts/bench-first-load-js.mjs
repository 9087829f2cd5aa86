#!/usr/bin/env node
// First-load JavaScript per page of the current production build (.next/), from Next's own
// manifests: the root main files and polyfills every page loads, plus the chunks of the page's
// layouts and the page itself (its client reference manifest's entryJSFiles). Chunks a page
// imports dynamically (such as the face models on the real-person check) are not first-load.
//   npm run build && node scripts/bench-first-load-js.mjs [--json]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NEXT = path.join(ROOT, '.next');
if (!fs.existsSync(path.join(NEXT, 'BUILD_ID'))) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

const buildManifest = JSON.parse(fs.readFileSync(path.join(NEXT, 'build-manifest.json'), 'utf8'));
const common = [...buildManifest.rootMainFiles, ...buildManifest.polyfillFiles];

function* manifests(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* manifests(full);
    else if (entry.name === 'page_client-reference-manifest.js') yield full;
  }
}

const size = (file) => {
  const bytes = fs.readFileSync(path.join(NEXT, file.replace(/^\/?_next\//, '')));
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
};

const rows = [];
for (const file of manifests(path.join(NEXT, 'server', 'app'))) {
  globalThis.__RSC_MANIFEST = {};
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route].
  new Function(fs.readFileSync(file, 'utf8'))();
  const [[route, manifest]] = Object.entries(globalThis.__RSC_MANIFEST);
  const page = route.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, '') || '/';
  if (page.startsWith('/_')) continue;
  const segments = Object.entries(manifest.entryJSFiles).filter(([key]) => !/\/(error|not-found|global-error)$/.test(key));
  const chunks = new Set([...common, ...segments.flatMap(([, files]) => files)]);
  const total = [...chunks].map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
  rows.push({ page, chunks: chunks.size, rawKB: +(total.raw / 1024).toFixed(1), gzipKB: +(total.gzip / 1024).toFixed(1) });
}
rows.sort((a, b) => a.page.localeCompare(b.page));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('page'.padEnd(28), 'chunks', 'raw KB'.padStart(8), 'gzip KB'.padStart(8));
  for (const r of rows) console.log(r.page.padEnd(28), String(r.chunks).padStart(6), String(r.rawKB).padStart(8), String(r.gzipKB).padStart(8));
}
