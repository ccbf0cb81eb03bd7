import { parse } from 'csv-parse/sync';

/** One data row of a CSV file: the line it starts on (the header is line 1) and its values by column. */
export interface CsvRow {
  line: number;
  values: Readonly<Record<string, string>>;
}

/** A problem with one line of the file (a row's shape, or a field's value). */
export interface LineError {
  line: number;
  /** The canonical field at fault, or `(row)` when the row itself is malformed. */
  field: string;
  /** The CSV column the field is read from, when there is one. */
  column?: string;
  message: string;
}

export type CsvRead =
  | { ok: true; columns: readonly string[]; rows: readonly CsvRow[]; errors: readonly LineError[] }
  | { ok: false; errors: readonly LineError[] };

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

const lineOf = (err: unknown) => {
  const n = (err as { lines?: unknown }).lines;
  return typeof n === 'number' ? n : 1;
};

/**
 * Reads a CSV file with a header line (csv-parse: RFC 4180 quoting, a BOM dropped, fields
 * trimmed, empty lines skipped). A malformed row (wrong number of fields, a stray quote) becomes a
 * line error and the rest is still read; a bad header or an unclosed quote ends the file there.
 */
export function readCsvRows(text: string, delimiter = ','): CsvRead {
  // csv-parse counts a CR LF inside a quoted field as two lines: with LF only, its line count is exact.
  const lf = text.replace(/\r\n?/g, '\n');
  const errors: LineError[] = [];
  let columns: string[] = [];
  let records: ParsedRecord[];
  try {
    records = parse(lf, {
      bom: true,
      delimiter,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => {
        columns = header;
        const seen = new Set<string>();
        header.forEach((name, i) => {
          if (name === '') throw Object.assign(new Error(`column ${i + 1} has no name`), { lines: 1 });
          if (seen.has(name)) throw Object.assign(new Error(`column "${name}" appears twice`), { lines: 1 });
          seen.add(name);
        });
        return header;
      },
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) errors.push({ line: lineOf(err), field: '(row)', message: err.message });
      },
    }) as unknown as ParsedRecord[];
  } catch (err) {
    return {
      ok: false,
      errors: [...errors, { line: lineOf(err), field: '(file)', message: (err as Error).message }],
    };
  }
  if (columns.length === 0)
    return { ok: false, errors: [{ line: 1, field: '(file)', message: 'the file has no header line' }] };
  const rows = records.map(({ record, info }) => ({
    // The record ends on `info.lines`; it starts as many lines earlier as its values hold line breaks.
    line: info.lines - Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0),
    values: record,
  }));
  return { ok: true, columns, rows, errors };
}
