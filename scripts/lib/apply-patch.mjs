// A strict applier for the unified diffs in scripts/patches/ (no dependency, no `patch` binary): every
// hunk's context and removed lines must stand exactly where the diff says, or nothing is written.
// Used by scripts/patch-postgres.mjs at postinstall and by db/postgres-patch.test.ts.

/** Parses a unified diff into files, each with its hunks. */
export function parseUnifiedDiff(text) {
  const files = [];
  let file = null;
  let hunk = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('--- ')) continue;
    if (line.startsWith('+++ ')) {
      file = { path: line.slice(4).replace(/^b\//, '').trim(), hunks: [] };
      files.push(file);
      hunk = null;
    } else if (line.startsWith('@@ ')) {
      const m = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (!m || !file) throw new Error(`bad hunk header: ${line}`);
      hunk = { oldStart: Number(m[1]), newStart: Number(m[2]), lines: [] };
      file.hunks.push(hunk);
    } else if (hunk && (line.startsWith(' ') || line.startsWith('+') || line.startsWith('-'))) {
      hunk.lines.push(line);
    } else if (hunk && line === '') {
      // the blank line at the very end of the file
    } else if (line.startsWith('\\')) {
      // "\ No newline at end of file"
    }
  }
  return files;
}

/** Applies one file's hunks (or, with `reverse`, undoes them); throws when any hunk does not fit. */
export function applyHunks(source, hunks, { reverse = false } = {}) {
  const lines = source.split('\n');
  let offset = 0;
  for (const hunk of hunks) {
    const before = hunk.lines.filter((l) => !l.startsWith(reverse ? '-' : '+')).map((l) => l.slice(1));
    const after = hunk.lines.filter((l) => !l.startsWith(reverse ? '+' : '-')).map((l) => l.slice(1));
    // Applied, a hunk starts at its old line; undone, at its new line (each shifted by the hunks before it).
    const at = (reverse ? hunk.newStart : hunk.oldStart) - 1 + offset;
    const fits = before.every((l, i) => lines[at + i] === l);
    if (!fits) throw new Error(`hunk at line ${reverse ? hunk.newStart : hunk.oldStart} does not match`);
    lines.splice(at, before.length, ...after);
    offset += after.length - before.length;
  }
  return lines.join('\n');
}
