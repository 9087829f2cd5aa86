#!/usr/bin/env node
// Compares two V8 CPU profiles — the portal's and the bare app's, as `npm run bench:baseline -- --profile
// <dir>` writes them — over the same measured rounds, in ms per request, mapped to source through the
// builds' source maps (Node's own module.SourceMap; nothing to install). Not a test: how the figures in
// docs/benchmarks.md › "Prepared statements and queries built once" were found.
//
//   node scripts/profile-diff.mjs <dir>/portal/*.cpuprofile <dir>/bare/*.cpuprofile \
//     --window <start µs> <end µs> --requests <per app> [--by self|function|inclusive] [--match <regex>] [--fewer]
//
// --window and --requests are what bench:baseline prints as "profile window <route>: A B (µs; requests
// per app N)". --by self (default): time in each package or source file; function: in each function;
// inclusive: in each function and everything it called. Rows are sorted by portal minus bare. A bundled
// package whose own source maps name bare `src/…` paths shows as `src` (drizzle-orm's, in the portal).
import fs from 'node:fs';
import { SourceMap } from 'node:module';

function parse(argv) {
  const files = [];
  const options = { by: 'self', match: null, window: [0, Infinity], requests: 1 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--window') options.window = [Number(argv[++i]), Number(argv[++i])];
    else if (arg === '--requests') options.requests = Number(argv[++i]);
    else if (arg === '--by') options.by = argv[++i];
    else if (arg === '--match') options.match = new RegExp(argv[++i]);
    else if (arg === '--fewer') options.fewer = true;
    else files.push(arg);
  }
  if (files.length !== 2 || !['self', 'function', 'inclusive'].includes(options.by) || !(options.requests > 0)) {
    console.error('usage: node scripts/profile-diff.mjs portal.cpuprofile bare.cpuprofile --window A B --requests N [--by self|function|inclusive] [--match regex]');
    process.exit(2);
  }
  return { files, options };
}

const maps = new Map();
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const file = url.startsWith('file://') ? new URL(url).pathname : url;
      if (file && fs.existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

function originalSource({ url, lineNumber, columnNumber }) {
  const map = url ? sourceMapOf(url) : null;
  if (map && lineNumber >= 0) {
    const entry = map.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) return entry.originalSource;
  }
  return url || '(native)';
}

/** A package name, a Next.js area, a Node internal, or the project file. */
function bucketOf(url, source) {
  // A package's own maps name its sources relative to it (drizzle's "src/…"): go by the file that ran.
  const ran = (url ?? '').match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (ran && ran[1] !== 'next') return ran[1];
  const s = source.replace(/^.*?\[project\]\//, '').replace(/^(file|webpack):\/\//, '');
  const pkg = s.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg && pkg[1] !== 'next') return pkg[1];
  const compiled = s.match(/dist\/compiled\/([^/]+)/);
  if (compiled) return `next:${compiled[1]}`;
  const area = s.match(/(?:^|\/)(?:src|dist\/(?:esm\/)?)(server|client|shared|lib)\/([^/]+)/);
  if (area) return `next:${area[1]}/${area[2]}`;
  if (s.startsWith('node:')) return s.split('/').slice(0, 2).join('/');
  return s.replace(/^(\.\.\/)+/, '');
}

function load(file, { window: [start, end], by }) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const timeIn = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= start && at <= end) timeIn.set(id, (timeIn.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keys = new Map();
  const keyOf = (node) => {
    if (!keys.has(node.id)) {
      const bucket = bucketOf(node.callFrame.url, originalSource(node.callFrame));
      keys.set(node.id, by === 'self' ? bucket : `${bucket} :: ${node.callFrame.functionName || '(anonymous)'}`);
    }
    return keys.get(node.id);
  };
  const totals = new Map();
  let busy = 0;
  for (const node of profile.nodes) {
    const us = timeIn.get(node.id) ?? 0;
    if (!us || node.callFrame.functionName === '(idle)') continue;
    busy += us;
    if (by !== 'inclusive') {
      totals.set(keyOf(node), (totals.get(keyOf(node)) ?? 0) + us);
      continue;
    }
    const counted = new Set();
    for (let id = node.id; id !== undefined; id = parentOf.get(id)) {
      const key = keyOf(byId.get(id));
      if (counted.has(key)) continue;
      counted.add(key);
      totals.set(key, (totals.get(key) ?? 0) + us);
    }
  }
  return { busy, totals };
}

const { files, options } = parse(process.argv.slice(2));
const [portal, bare] = files.map((file) => load(file, options));
const ms = (us) => (us / 1000 / options.requests).toFixed(3).padStart(8);
console.info(`busy ms per request: portal ${ms(portal.busy)}, bare ${ms(bare.busy)}, difference ${ms(portal.busy - bare.busy)}`);
console.info(`${'portal'.padStart(8)} ${'bare'.padStart(8)} ${'diff'.padStart(8)}  ${options.by}`);
const keys = new Set([...portal.totals.keys(), ...bare.totals.keys()]);
[...keys]
  .filter((key) => !options.match || options.match.test(key))
  .map((key) => [key, portal.totals.get(key) ?? 0, bare.totals.get(key) ?? 0])
  .sort((a, b) => b[1] - b[2] - (a[1] - a[2]))
  // The 40 rows the portal spends most more on, and (--fewer) the 20 it spends most less on.
  .filter((_, i, all) => i < 40 || (options.fewer && i >= all.length - 20))
  .forEach(([key, p, b]) => console.info(`${ms(p)} ${ms(b)} ${ms(p - b)}  ${key}`));
