import { describe, expect, it } from 'vitest';
import { csvCell } from './queries';

describe('CSV export cells', () => {
  it('neutralises every leading character a spreadsheet treats as a formula: = + - @ tab and carriage return', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${lead}HYPERLINK("http://evil.example","x")`);
      expect(cell.startsWith(`"'${lead}`), JSON.stringify(lead)).toBe(true);
    }
  });

  it('quotes plain values and doubles quotes inside them, leaving them otherwise unchanged', () => {
    expect(csvCell('王芳')).toBe('"王芳"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('""');
    expect(csvCell('a=b')).toBe('"a=b"');
  });
});
