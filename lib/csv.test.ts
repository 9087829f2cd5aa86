import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv (csv-parse for every uploaded CSV)', () => {
  it('reads quoted cells with commas, line breaks and doubled quotes, a BOM and mixed line ends, and keeps each row’s first line', () => {
    const parsed = parseCsv('\uFEFFa,b\r\n1,"x, y"\r\n\r\n2,"multi\nline"\n3,"he said ""hi"""\n,\n4,z');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['1', 'x, y'] },
        { line: 4, cells: ['2', 'multi\nline'] },
        { line: 6, cells: ['3', 'he said "hi"'] },
        { line: 8, cells: ['4', 'z'] },
      ],
    });
  });

  it('keeps rows of any length for the caller to judge, and a quote inside an unquoted cell as text', () => {
    expect(parseCsv('a,b,c\n1\n2,x"y,3,4')).toEqual({ ok: true, rows: [{ line: 1, cells: ['a', 'b', 'c'] }, { line: 2, cells: ['1'] }, { line: 3, cells: ['2', 'x"y', '3', '4'] }] });
  });

  it('refuses an unclosed quote, naming where the parser stopped, instead of reading the rest of the file as one cell', () => {
    const parsed = parseCsv('a,b\n1,"unclosed\n2,3\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^CSV 格式错误（第 3 行） \/ The CSV is malformed \(line 3\): Quote Not Closed/);
  });
});
