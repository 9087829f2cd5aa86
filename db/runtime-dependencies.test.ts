// A production install (`npm ci --omit=dev`, what a deployment image does) leaves devDependencies out:
// every package that code running in production imports must therefore be in "dependencies", or the
// server fails on the first request that reaches it (pngjs was imported by lib/ from devDependencies).
// This follows the imports from every production entry point — Next's app/ (pages, routes, actions),
// components/, proxy.ts, instrumentation.ts, next.config.js, `npm start` (scripts/start.mjs and what it
// spawns), the postinstall scripts and the operations scripts of the README — through lib/ and db/.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; devOptional?: boolean; dependencies?: Record<string, string> }>;
};

const TEST_FILE = /(\.test|\.spec|\.testing)\.[cm]?[jt]sx?$/;
const CODE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const isProductionSource = (file: string) => CODE_FILE.test(file) && !TEST_FILE.test(file) && !file.split(path.sep).includes('testing');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter(isProductionSource);
}

/** The operations commands the README documents for a deployment (benchmarks and test tooling are dev-only). */
const OPERATIONS_SCRIPTS = ['start', 'postinstall', 'worker', 'db:seed', 'keys:rotate', 'pii:encrypt', 'audit:verify'];
function scriptEntries(): string[] {
  return OPERATIONS_SCRIPTS.flatMap((name) => {
    const command = pkg.scripts[name];
    if (!command) throw new Error(`package.json has no "${name}" script`);
    return [...command.matchAll(/(?:^|\s)((?:scripts|db)\/[\w./-]+\.(?:ts|mjs|js))/g)].map((m) => m[1]!);
  });
}

const ENTRY_POINTS = [
  ...filesUnder('app'),
  ...filesUnder('components'),
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'scripts/start.mjs',
  'scripts/worker.ts',
  ...scriptEntries(),
];

// Static and dynamic imports, re-exports and require(); `import type`/`export type` are erased at build.
const IMPORT_PATTERNS = [
  /(?:^|[\s;])import\s+(?!type\s)(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]/g,
  /(?:^|[\s;])export\s+(?!type\s)[\w*{}\s,$]*\s+from\s+['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];
// Packages reached by path at run time rather than imported: spawn(path.join(ROOT, 'node_modules', 'tsx', …)),
// the certificate font ['node_modules', '@expo-google-fonts', 'noto-sans-sc', …].
const NODE_MODULES_PATH = /['"]node_modules['"]\s*,\s*['"]((?:@[\w.-]+['"]\s*,\s*['"])?[a-z][\w.-]*)['"]/g;

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : path.resolve(path.dirname(path.join(ROOT, from)), specifier);
  const candidates = [base, ...['.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx', '/index.js'].map((ext) => base + ext)];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) return undefined;
  const relative = path.relative(ROOT, found);
  return CODE_FILE.test(relative) ? relative : undefined; // stylesheets, JSON and the like import no packages
}

const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** Every package production code reaches, with one file that imports it. */
function packagesImportedInProduction(): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...ENTRY_POINTS];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const specifiers = IMPORT_PATTERNS.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]!));
    for (const specifier of specifiers) {
      if (specifier.startsWith('.') || specifier.startsWith('@/')) {
        const local = resolveLocal(file, specifier);
        if (local) queue.push(local);
        else if (!/\.(css|json|svg|png|wasm)$/.test(specifier)) throw new Error(`${file}: cannot resolve ${specifier}`);
      } else if (!isBuiltin(specifier)) {
        if (!packages.has(packageOf(specifier))) packages.set(packageOf(specifier), file);
      }
    }
    for (const m of source.matchAll(NODE_MODULES_PATH)) {
      const name = m[1]!.replace(/['"]\s*,\s*['"]/, '/');
      if (!packages.has(name)) packages.set(name, file);
    }
  }
  return packages;
}

describe('runtime dependencies', () => {
  const imported = packagesImportedInProduction();

  it('finds the packages production code imports (the scan sees app/, lib/, db/ and npm start)', () => {
    // A scan that finds nothing passes vacuously: these are imported from each kind of entry point.
    expect([...imported.keys()]).toEqual(expect.arrayContaining(['next', 'react', 'drizzle-orm', 'zod', 'sharp', 'pdf-lib', 'tsx', 'postgres', '@expo-google-fonts/noto-sans-sc']));
  });

  it('has every package imported by production code in "dependencies", not devDependencies', () => {
    const missing = [...imported]
      .filter(([name]) => !(name in pkg.dependencies))
      .map(([name, file]) => `${name} (imported by ${file}${name in pkg.devDependencies ? '; listed in devDependencies' : ''})`);
    expect(missing).toEqual([]);
  });

  it('keeps package-lock.json in step: no package production code imports is marked dev-only there', () => {
    const devOnly = [...imported.keys()].filter((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      return !entry || entry.dev === true || entry.devOptional === true;
    });
    expect(devOnly).toEqual([]);
    expect(lock.packages['']!.dependencies).toEqual(pkg.dependencies);
  });
});
