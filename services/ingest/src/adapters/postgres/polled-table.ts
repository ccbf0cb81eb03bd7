import type { DataSource } from 'typeorm';
import type { PollCursor, PolledRow, PolledTable } from '../../app/poll-table';

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a plain SQL identifier`);
  return `"${name}"`;
};

/** `schema.table` or `table` → a quoted, validated relation name. */
export function relationName(qualified: string): string {
  return qualified.split('.').map(ident).join('.');
}

interface Row {
  row: Record<string, unknown>;
  cursor_ts: string;
  cursor_id: string;
  version: string;
}

/**
 * Reads a source table by its (updated_at, id) cursor. Rows come back through row_to_json, so
 * polled rows look like CDC row images; the cursor travels as text (full microsecond precision,
 * any id type) and the untyped parameters take the columns' own types in the row comparison.
 * Rows younger than `lagSeconds` wait a round: a transaction that commits late with an older
 * updated_at would otherwise slip behind the cursor.
 */
export function polledTable(
  source: DataSource,
  opts: { table: string; idColumn: string; cursorColumn: string; lagSeconds: number },
): PolledTable {
  const rel = relationName(opts.table);
  const ts = `t.${ident(opts.cursorColumn)}`;
  const id = `t.${ident(opts.idColumn)}`;
  const select = `SELECT row_to_json(t) AS row, ${ts}::text AS cursor_ts, ${id}::text AS cursor_id,
      (extract(epoch FROM ${ts}) * 1000000)::bigint::text AS version
    FROM ${rel} t`;
  const settled = `${ts} < now() - make_interval(secs => ${Number(opts.lagSeconds)})`;
  return {
    async readPage(after: PollCursor | undefined, limit: number): Promise<PolledRow[]> {
      const rows = after
        ? await source.query<Row[]>(
            `${select} WHERE (${ts}, ${id}) > ($1, $2) AND ${settled} ORDER BY ${ts}, ${id} LIMIT $3`,
            [after.ts, after.id, limit],
          )
        : await source.query<Row[]>(
            `${select} WHERE ${ts} IS NOT NULL AND ${settled} ORDER BY ${ts}, ${id} LIMIT $1`,
            [limit],
          );
      return rows.map((r) => ({
        row: r.row,
        cursor: { ts: r.cursor_ts, id: r.cursor_id },
        version: Number(r.version),
      }));
    },
  };
}
