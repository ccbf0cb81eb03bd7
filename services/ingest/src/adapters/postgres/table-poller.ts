import type { DataSource } from 'typeorm';
import type { Logger } from '@scorecard/telemetry';
import { withSpan } from '@scorecard/telemetry';
import type { SourcePublisher } from '../../app/accept-events';
import { pollTable } from '../../app/poll-table';
import type { ConnectorSpec } from '../../domain/connector-spec';
import { pollProgress } from './poll-progress';
import { polledTable } from './polled-table';

export interface TablePollerOptions {
  source: DataSource;
  ds: DataSource;
  publisher: SourcePublisher;
  specs: readonly ConnectorSpec[];
  cursorColumn: string;
  batchSize: number;
  intervalMs: number;
  lagSeconds: number;
  logger: Logger;
}

/** Cursor name of one polled input: the same table may feed several tenants or mappings. */
export const cursorName = (spec: ConnectorSpec) => `${spec.tenantId}/${spec.input}/${spec.mapping.name}`;

/**
 * Polls each configured table: pages back to back while full pages come, then waits the interval.
 * Failures (source, database or broker down) are logged and retried next round from the saved cursor.
 */
export function startTablePoller(opts: TablePollerOptions): { stop(): Promise<void> } {
  const log = opts.logger.child({ component: 'poller' });
  const stopSignal = new AbortController();
  const inputs = opts.specs.map((spec) => ({
    spec,
    table: polledTable(opts.source, {
      table: spec.input,
      idColumn: spec.mapping.id,
      cursorColumn: opts.cursorColumn,
      lagSeconds: opts.lagSeconds,
    }),
    progress: pollProgress(opts.ds, opts.publisher, cursorName(spec)),
  }));

  const round = async () => {
    for (const { spec, table, progress } of inputs) {
      try {
        for (;;) {
          if (stopSignal.signal.aborted) return;
          const r = await withSpan(`poll ${spec.input}`, { 'scorecard.poll.table': spec.input }, () =>
            pollTable(table, progress, spec, opts.batchSize),
          );
          if (r.read > 0)
            log.info(
              {
                table: spec.input,
                read: r.read,
                accepted: r.accepted,
                duplicates: r.duplicates,
                rejected: r.rejected.length,
              },
              'polled',
            );
          if (r.rejected.length > 0)
            log.warn({ table: spec.input, rejected: r.rejected }, 'rows that do not map were passed');
          if (r.read < opts.batchSize) break;
        }
      } catch (err) {
        log.warn({ err, table: spec.input }, 'polling failed; retrying next round');
      }
    }
  };

  const loop = (async () => {
    while (!stopSignal.signal.aborted) {
      await round();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, opts.intervalMs);
        stopSignal.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
  })();
  log.info({ tables: opts.specs.map((s) => `${s.input}=${s.mapping.name}`) }, 'table poller started');
  return {
    async stop() {
      stopSignal.abort();
      await loop;
    },
  };
}
