#!/usr/bin/env node
// Copies what the browser needs for the live face check from the installed packages into
// public/face/ (not committed): human's browser bundle, the three small models the guidance uses
// (detector, mesh, iris — the server runs the full set), the worker that runs them, and tfjs's WASM binaries for browsers
// without WebGL. Runs after `npm ci` and before every build; copies only what changed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HUMAN = path.join(ROOT, 'node_modules', '@vladmandic', 'human');
const WASM = path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
const OUT = path.join(ROOT, 'public', 'face');

export const BROWSER_MODELS = ['blazeface', 'facemesh', 'iris'];

const files = [
  [path.join(HUMAN, 'dist', 'human.esm.js'), path.join(OUT, 'human.esm.js')],
  // The worker that runs the models off the page's main thread (lib/face/browser/face-worker.mjs).
  [path.join(ROOT, 'lib', 'face', 'browser', 'face-worker.mjs'), path.join(OUT, 'face-worker.mjs')],
  ...BROWSER_MODELS.flatMap((m) => ['json', 'bin'].map((ext) => [path.join(HUMAN, 'models', `${m}.${ext}`), path.join(OUT, 'models', `${m}.${ext}`)])),
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => [path.join(WASM, f), path.join(OUT, 'wasm', f)]),
];

export function copyFaceAssets({ quiet = false } = {}) {
  let copied = 0;
  for (const [from, to] of files) {
    if (!fs.existsSync(from)) throw new Error(`face assets: ${path.relative(ROOT, from)} is missing — run npm ci`);
    const source = fs.statSync(from);
    const target = fs.existsSync(to) ? fs.statSync(to) : undefined;
    if (target && target.size === source.size && target.mtimeMs >= source.mtimeMs) continue;
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    copied++;
  }
  if (!quiet && copied > 0) console.log(`[face-assets] copied ${copied} file(s) to public/face/`);
  return copied;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) copyFaceAssets();
