import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { assertIdentifier } from './identifiers';

const SPECIAL = /[\\\n\r\t]/;

/**
 * One field in COPY's text format, with backslash escapes for the characters that delimit it:
 * null/undefined is SQL NULL; objects are written as JSON (for json/jsonb columns).
 */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
        ? v.toString()
        : JSON.stringify(v);
  return SPECIAL.test(s)
    ? s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))
    : s;
}

/**
 * Streams rows into a table with `COPY … FROM STDIN` on the transaction's own connection: for
 * thousands of wide rows it skips what a parameterized INSERT pays for (one parameter document
 * parsed whole, then taken apart row by row). Each row lists its values in `columns` order.
 */
export async function copyRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const client = (em.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)
    ?.databaseConnection;
  if (!client || !em.queryRunner?.isTransactionActive)
    throw new Error('copyRows must run inside a transaction');
  const ident = (name: string) => `"${assertIdentifier(name, 'identifier')}"`;
  const sql = `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN`;
  // Lines are batched into ~64 KiB chunks: one stream write per row would dominate the cost.
  function* lines() {
    let buf = '';
    for (const row of rows) {
      buf += row.map(copyField).join('\t') + '\n';
      if (buf.length >= 65_536) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(sql)));
}
