import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '@scorecard/telemetry';

interface PgConnection {
  on(event: 'notification', fn: () => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
  removeAllListeners(event: string): void;
}

const connectionOf = (runner: QueryRunner) =>
  (runner as unknown as { databaseConnection?: PgConnection }).databaseConnection;

/**
 * A pooled connection held in `LISTEN channel`, calling `onNotify` for each NOTIFY. When the
 * connection fails it calls `onNotify` too, and the relay's next `ensure()` listens on a fresh one.
 */
export function createOutboxListener(ds: DataSource, channel: string, onNotify: () => void, log: Logger) {
  let runner: QueryRunner | undefined;

  const drop = async () => {
    const r = runner;
    runner = undefined;
    if (!r) return;
    connectionOf(r)?.removeAllListeners('notification');
    // pg-pool discards a client whose connection failed instead of reusing it.
    await r.release().catch(() => undefined);
  };

  return {
    async ensure(): Promise<void> {
      if (runner) return;
      const r = ds.createQueryRunner();
      try {
        await r.connect();
        const conn = connectionOf(r);
        conn?.on('notification', onNotify);
        conn?.on('error', (err) => {
          log.warn({ err }, 'outbox LISTEN connection failed; listening again');
          // Waking the relay makes it scan (nothing is missed) and call ensure() on a fresh connection.
          if (runner === r) void drop().then(onNotify);
        });
        await r.query(`LISTEN ${channel}`);
        runner = r;
      } catch (err) {
        log.warn({ err }, 'outbox LISTEN failed; polling');
        await r.release().catch(() => undefined);
      }
    },
    async close(): Promise<void> {
      await runner?.query(`UNLISTEN ${channel}`).catch(() => undefined);
      await drop();
    },
  };
}
