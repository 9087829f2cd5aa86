import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGE_SCOPES, clientMessagesFor, mergeMessages, pickMessages, type ClientMessageScope, type PartialMessages } from './client-scopes';
import { LOCALES } from './config';
import type { MessageTree } from './define';
import { dictionaryFor } from './messages';

// What each page sends to the browser for its client components: the root layout's scope plus every
// <ClientMessages scope="…"> in the page and the layouts above it. Found by reading the source (the
// same files Next renders) and following each page's imports to the client components it renders.

const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(ROOT, 'app');

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importClosure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g)) {
      const target = resolveImport(file, (m[1] ?? m[2])!);
      if (target) stack.push(target);
    }
  }
  return seen;
}

/** Keys client components use: `ns.a.b` exactly, or `ns.a.*` for a template key (`ns.a.${x}`). */
/** True when the path names a message or a group of messages in the dictionary. */
function isMessagePath(candidate: string): boolean {
  let node: unknown = dictionaryFor('zh-CN');
  for (const part of candidate.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

function clientKeysUsed(files: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/^\s*['"]use client['"]/m.test(text)) continue;
    for (const m of text.matchAll(/\bt\(\s*(['"`])([a-zA-Z]+\.[\w.]*?)(\$\{|\1)/g)) keys.add(m[3] === '${' ? `${m[2]}*` : m[2]!);
    // A key chosen before the call (t(isClaim ? 'a.b' : 'a.c'), a table of keys): any literal that names a message.
    for (const m of text.matchAll(/(['"`])([a-zA-Z]+(?:\.\w+)+)\1/g)) if (isMessagePath(m[2]!)) keys.add(m[2]!);
  }
  return keys;
}

function leafKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`)));
}

const covers = (used: string, leaf: string) => (used.endsWith('*') ? leaf.startsWith(used.slice(0, -1)) : leaf === used);

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return pageFiles(full);
    return name === 'page.tsx' ? [full] : [];
  });
}

/** The page, the layouts above it (root first) and the root error boundary: what renders on that route. */
function routeFiles(page: string): { sources: string[]; entries: string[] } {
  const layouts: string[] = [];
  for (let dir = path.dirname(page); dir.startsWith(APP); dir = path.dirname(dir)) {
    const layout = path.join(dir, 'layout.tsx');
    if (existsSync(layout)) layouts.unshift(layout);
  }
  return { sources: [...layouts, page], entries: [...layouts, page, path.join(APP, 'error.tsx')] };
}

function scopesOf(sources: string[]): ClientMessageScope[] {
  const scopes: ClientMessageScope[] = ['root'];
  for (const file of sources) {
    for (const m of readFileSync(file, 'utf8').matchAll(/<ClientMessages\s+scope="(\w+)"/g)) {
      expect(Object.keys(CLIENT_MESSAGE_SCOPES), `${path.relative(ROOT, file)} names an unknown scope`).toContain(m[1]);
      scopes.push(m[1] as ClientMessageScope);
    }
  }
  return scopes;
}

function payloadOf(scopes: ClientMessageScope[], locale: (typeof LOCALES)[number]): PartialMessages {
  return scopes.reduce<PartialMessages>((all, scope) => mergeMessages(all, clientMessagesFor(locale, scope)), {});
}

const pages = pageFiles(APP).map((file) => ({ file, route: path.relative(APP, path.dirname(file)) || '/' }));
const isStaffPage = (file: string) => file.includes(`${path.sep}(staff)${path.sep}`);
const citizenPages = pages.filter((p) => !isStaffPage(p.file));

describe('messages sent to the browser', () => {
  it('finds the pages', () => {
    expect(citizenPages.length).toBeGreaterThan(10);
    expect(pages.some((p) => isStaffPage(p.file))).toBe(true);
  });

  it('every scope names messages that exist', () => {
    for (const locale of LOCALES) {
      for (const [scope, paths] of Object.entries(CLIENT_MESSAGE_SCOPES)) {
        const picked = pickMessages(dictionaryFor(locale), paths);
        const picks = paths.map((p) => p.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], picked));
        expect(picks.every((value) => value !== undefined), `${scope} in ${locale}`).toBe(true);
      }
    }
  });

  it.each(pages.map((p) => [p.route, p.file] as const))('%s: its client components get every message they use, and nothing else', (_route, file) => {
    const { sources, entries } = routeFiles(file);
    const used = [...clientKeysUsed(importClosure(entries))];
    const scopes = scopesOf(sources);
    for (const locale of LOCALES) {
      const payload = payloadOf(scopes, locale);
      const sent = leafKeys(payload as MessageTree);
      const missing = used.filter((key) => !sent.some((leaf) => covers(key, leaf)));
      const unused = sent.filter((leaf) => !used.some((key) => covers(key, leaf)));
      expect(missing, `used by a client component but not sent (${locale})`).toEqual([]);
      expect(unused, `sent but used by no client component on this page (${locale})`).toEqual([]);
      // No namespace the page does not use is in its payload.
      const usedNamespaces = new Set(used.map((key) => key.split('.')[0]));
      for (const namespace of Object.keys(payload)) expect(usedNamespaces, `namespace ${namespace} (${locale})`).toContain(namespace);
    }
  });

  it.each(citizenPages.map((p) => [p.route, p.file] as const))('%s (citizen/public): no staff message is in its payload', (_route, file) => {
    const scopes = scopesOf(routeFiles(file).sources);
    for (const locale of LOCALES) {
      const payload = payloadOf(scopes, locale);
      expect(Object.keys(payload)).not.toContain('staff');
      const json = JSON.stringify(payload);
      // Any sentence of the staff namespace would give it away (short labels like "状态" are shared words).
      const textsOf = (tree: MessageTree) => leafKeys(tree).map((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string);
      const { staff, ...others } = dictionaryFor(locale);
      const elsewhere = new Set(textsOf(others as unknown as MessageTree));
      const staffSentences = textsOf(staff as MessageTree).filter((text) => text.length >= 12 && !elsewhere.has(text));
      expect(staffSentences.length).toBeGreaterThan(50);
      expect(staffSentences.filter((text) => json.includes(JSON.stringify(text).slice(1, -1)))).toEqual([]);
    }
  });

  it('messages reach client components only through the scopes: the root layout sends its scope, nothing sends a dictionary', () => {
    const offenders: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
      });
    for (const file of [...walk(APP), ...walk(path.join(ROOT, 'components'))]) {
      const text = readFileSync(file, 'utf8');
      const relative = path.relative(ROOT, file);
      if (/dictionaryFor\(/.test(text)) offenders.push(`${relative}: dictionaryFor`);
      for (const m of text.matchAll(/<I18nProvider\b[^>]*>/g)) {
        if (relative !== path.join('app', 'layout.tsx') || !m[0].includes("messages={clientMessagesFor(locale, 'root')}")) offenders.push(`${relative}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(readFileSync(path.join(APP, 'layout.tsx'), 'utf8')).toContain("messages={clientMessagesFor(locale, 'root')}");
  });

  it('the root layout sends a few shared messages, not the dictionary', () => {
    for (const locale of LOCALES) {
      const root = JSON.stringify(clientMessagesFor(locale, 'root'));
      expect(root.length).toBeLessThan(1_000);
      expect(root.length * 20).toBeLessThan(JSON.stringify(dictionaryFor(locale)).length);
    }
  });
});
