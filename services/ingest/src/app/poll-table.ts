import type { IngestEvent } from '@scorecard/contracts';
import { mapRecord } from '../domain/mappings/map-record';
import type { ConnectorSpec } from '../domain/connector-spec';
import type { AcceptResult } from './accept-events';

/** Position of the reader: the last row's (updated_at, id) as the source database printed them. */
export interface PollCursor {
  ts: string;
  id: string;
}

export interface PolledRow {
  row: Record<string, unknown>;
  cursor: PollCursor;
  /** The row's updated_at in epoch microseconds: its version. */
  version: number;
}

export interface PolledTable {
  /** Rows after `after` in (updated_at, id) order, at most `limit`. */
  readPage(after: PollCursor | undefined, limit: number): Promise<PolledRow[]>;
}

export interface PollProgress {
  load(): Promise<PollCursor | undefined>;
  /** Accepts the events and saves the new cursor in one transaction. */
  acceptAndAdvance(
    tenantId: string,
    events: readonly IngestEvent[],
    cursor: PollCursor,
  ): Promise<AcceptResult>;
}

export interface PollResult extends AcceptResult {
  read: number;
  rejected: { id: unknown; message: string }[];
}

/**
 * Reads one page after the saved cursor, maps it and accepts it together with the new cursor.
 * Crash anywhere before the commit and the page is read again; after it, the next page is. A row
 * that does not map is reported and passed: polling has no log to park it in, and holding the
 * cursor would stop the table for good.
 */
export async function pollTable(
  table: PolledTable,
  progress: PollProgress,
  spec: ConnectorSpec,
  limit: number,
): Promise<PollResult> {
  const rows = await table.readPage(await progress.load(), limit);
  const last = rows.at(-1);
  if (!last) return { read: 0, accepted: 0, duplicates: 0, rejected: [] };
  const events: IngestEvent[] = [];
  const rejected: PollResult['rejected'] = [];
  for (const r of rows) {
    const mapped = mapRecord(spec.mapping, r.row, { version: r.version });
    if (mapped.ok) events.push(mapped.event);
    else rejected.push({ id: r.row[spec.mapping.id], message: mapped.message });
  }
  const result = await progress.acceptAndAdvance(spec.tenantId, events, last.cursor);
  return { ...result, read: rows.length, rejected };
}
