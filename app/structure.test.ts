// The house rules for app/, checked on the files themselves: pages stay thin (they read the session,
// call one view model in lib/, and render), nothing that renders holds the database, and nothing that renders writes the audit trail — an audit
// entry belongs to the operation in lib/ that does the thing, in its transaction.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAX_PAGE_LINES = 150;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

const relative = (file: string) => path.relative(ROOT, file);
const pages = filesUnder(path.join(ROOT, 'app'), (f) => path.basename(f) === 'page.tsx');
// Pages, layouts and components: everything under app/ and components/ that renders.
const rendering = [...filesUnder(path.join(ROOT, 'app'), (f) => f.endsWith('.tsx')), ...filesUnder(path.join(ROOT, 'components'), (f) => f.endsWith('.tsx'))];

// What writing the trail looks like in a file: the writer itself, its module, the trail's table, or
// the one view-recording helper (which getCaseView calls in lib/).
const AUDIT_WRITES = [/\bwriteAudit\s*\(/, /from\s+['"]@\/lib\/audit\//, /\bauditEvents\b/, /\brecordCaseView\b/];

describe('app structure', () => {
  it('finds the pages and components it checks', () => {
    expect(pages.length).toBeGreaterThan(20);
    expect(rendering.length).toBeGreaterThan(pages.length);
    expect(pages.map(relative)).toContain(path.join('app', '(staff)', 'staff', 'cases', '[id]', 'page.tsx'));
  });

  it(`keeps every page at most ${MAX_PAGE_LINES} lines: the page renders a view model, components beside it hold the JSX`, () => {
    const tooLong = pages
      .map((file) => ({ file: relative(file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((p) => p.lines > MAX_PAGE_LINES);
    expect(tooLong).toEqual([]);
  });

  it('lets no page, layout or component import the database: they get data from lib/ (lib/page-data.ts › loadPageData); type-only imports are fine', () => {
    const importers = rendering
      .filter((file) => /^\s*import\s+(?!type\b)[^;]*?from\s+['"]@\/db\//m.test(readFileSync(file, 'utf8')))
      .map(relative);
    expect(importers).toEqual([]);
  });

  it('takes every link from components/link.tsx, a plain anchor: no next/link anywhere, so nothing prefetches and no link is a client component', () => {
    const direct = rendering.filter((file) => /from\s+['"]next\/link['"]/.test(readFileSync(file, 'utf8'))).map(relative);
    expect(direct).toEqual([]);
    const link = readFileSync(path.join(ROOT, 'components', 'link.tsx'), 'utf8');
    expect(link).not.toMatch(/['"]use client['"]/);
    // The root layout mounts the one listener that makes those anchors navigate client-side.
    expect(readFileSync(path.join(ROOT, 'app', 'layout.tsx'), 'utf8')).toMatch(/<SoftNavigation \/>/);
  });

  it('lets the not-found page resolve no caller: the header above it already did, once (issue 16)', () => {
    const notFound = readFileSync(path.join(ROOT, 'app', 'not-found.tsx'), 'utf8');
    expect(notFound).not.toMatch(/@\/lib\/auth\/|getActor|require(?:Citizen|Staff)Page/);
  });

  it('lets no page, layout or component write the audit trail', () => {
    const writers = rendering
      .filter((file) => AUDIT_WRITES.some((pattern) => pattern.test(readFileSync(file, 'utf8'))))
      .map(relative);
    expect(writers).toEqual([]);
  });

  it('gives every form an action or a method: one submitted before the page hydrates never puts what was typed in the address', () => {
    // A <form> with only onSubmit is sent by the browser as GET to the page until React has hydrated:
    // a staff password, a citizen's ID number and phone ended up in the URL (and the server log) when
    // "登录" was pressed on a busy machine (e2e, 2026-12-06). method="post" keeps them in the body;
    // a search form that is meant to be a GET says method="get".
    const bare: string[] = [];
    let forms = 0;
    for (const file of rendering) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const visit = (node: ts.Node) => {
        if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === 'form') {
          forms += 1;
          const names = node.attributes.properties.filter(ts.isJsxAttribute).map((a) => a.name.getText(source));
          if (!names.includes('action') && !names.includes('method')) bare.push(`${relative(file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(forms).toBeGreaterThan(30);
    expect(bare).toEqual([]);
  });
});
