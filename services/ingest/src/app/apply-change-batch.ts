import type { IngestEvent } from '@scorecard/contracts';
import { parseDebeziumValue } from '../domain/debezium-envelope';
import { mapRecord } from '../domain/mappings/map-record';
import type { RecordMapping } from '../domain/mappings/record-mapping';
import type { AcceptResult } from './accept-events';

export interface ChangeMessage {
  offset: string;
  /** UTF-8 value; null for a tombstone. */
  value: string | null;
}

export interface RejectedChange {
  offset: string;
  code: string;
  message: string;
}

export interface ChangeBatchResult extends AcceptResult {
  /** Tombstones, truncates and logical messages: valid, with nothing to map. */
  skipped: number;
  /** Messages that cannot become canonical events; the caller dead-letters them. */
  rejected: RejectedChange[];
}

/**
 * Turns one partition's batch of Debezium change events into canonical events through the topic's
 * mapping and accepts them in one unit of work. Throws only when accepting fails (broker or
 * database down) — then nothing was kept and the batch must be retried as a whole.
 */
export async function applyChangeBatch(
  accept: (tenantId: string, events: readonly IngestEvent[]) => Promise<AcceptResult>,
  opts: { tenantId: string; mapping: RecordMapping },
  messages: readonly ChangeMessage[],
): Promise<ChangeBatchResult> {
  const events: IngestEvent[] = [];
  const rejected: RejectedChange[] = [];
  let skipped = 0;
  for (const m of messages) {
    const change = parseDebeziumValue(m.value);
    switch (change.kind) {
      case 'tombstone':
      case 'ignored':
        skipped++;
        break;
      case 'invalid':
        rejected.push({ offset: m.offset, code: 'invalid_envelope', message: change.message });
        break;
      case 'change': {
        const mapped = mapRecord(opts.mapping, change.row, {
          deleted: change.op === 'd',
          ...(change.lsn === undefined
            ? change.tsMs === undefined
              ? {}
              : { version: change.tsMs }
            : { version: change.lsn }),
          ...(change.tsMs === undefined ? {} : { occurredAt: new Date(change.tsMs).toISOString() }),
        });
        if (mapped.ok) events.push(mapped.event);
        else rejected.push({ offset: m.offset, code: mapped.code, message: mapped.message });
        break;
      }
    }
  }
  const result = events.length === 0 ? { accepted: 0, duplicates: 0 } : await accept(opts.tenantId, events);
  return { ...result, skipped, rejected };
}
