// Uploaded CSV files (courier manifests, event ticket lists) are read by one parser, csv-parse:
// quoted cells, embedded commas and line breaks, doubled quotes, a byte-order mark, CRLF. Rows that
// are entirely blank are skipped; each row keeps the line it starts on, for error messages.
import { parse } from 'csv-parse/sync';

export type CsvRow = { line: number; cells: string[] };
export type ParsedCsv = { ok: true; rows: CsvRow[] } | { ok: false; message: string };

export function parseCsv(text: string): ParsedCsv {
  try {
    const records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, info: true, record_delimiter: ['\r\n', '\n', '\r'] }) as unknown as { record: string[]; info: { lines: number; raw?: string } }[];
    const rows: CsvRow[] = [];
    let nextLine = 1;
    for (const { record, info } of records) {
      // info.lines is the line the record ends on; it starts after the previous one ended.
      const line = nextLine;
      nextLine = info.lines + 1;
      if (record.some((cell) => cell.trim() !== '')) rows.push({ line, cells: record });
    }
    return { ok: true, rows };
  } catch (error) {
    // The line csv-parse names in its message (where it gave up), else the lines it had read.
    const message = (error as Error).message;
    const line = Number(/at line (\d+)/.exec(message)?.[1] ?? (error as { lines?: number }).lines ?? 0) || null;
    return { ok: false, message: `CSV 格式错误${line ? `（第 ${line} 行）` : ''} / The CSV is malformed${line ? ` (line ${line})` : ''}: ${message.split('\n')[0]?.slice(0, 160) ?? ''}`.trim() };
  }
}
