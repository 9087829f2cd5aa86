import ts from 'typescript';
import fs from 'node:fs';
const files = fs.readFileSync('/tmp/actions.txt', 'utf8').trim().split('\n').filter((f) => f.startsWith('app/'));
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { pos: number; end: number; text: string }[] = [];
  let count = 0;
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      const start = st.getStart(sf);
      const exportMod = st.modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword)!;
      // replace "export async function name" with "export const name = localized(async function name"
      const header = text.slice(start, st.name.getEnd());
      if (!/^export async function \w+$/.test(header)) { console.log('skip', file, header); continue; }
      edits.push({ pos: start, end: st.name.getEnd(), text: `export const ${st.name.text} = localized(async function ${st.name.text}` });
      edits.push({ pos: st.getEnd(), end: st.getEnd(), text: ');' });
      count++;
      void exportMod;
    }
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.pos - a.pos)) out = out.slice(0, e.pos) + e.text + out.slice(e.end);
  // import after 'use server'
  out = out.replace(/^'use server';\n/, "'use server';\n\nimport { localized } from '@/lib/i18n/localize';");
  fs.writeFileSync(file, out);
  console.log(file, count);
}
