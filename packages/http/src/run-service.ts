import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '@scorecard/telemetry';
import { stopTracing } from '@scorecard/telemetry';
import { answerClientErrors } from './client-error';

export interface RunServiceOptions {
  app: Express;
  host: string;
  port: number;
  logger: Logger;
  shutdownTimeoutMs: number;
  setDraining: () => void;
  /** Stops intake (consumers, relays, schedulers) and closes pools, in order. */
  onShutdown: () => Promise<void>;
}

export interface RunningService {
  server: Server;
  port: number;
  shutdown: (reason: string) => Promise<void>;
}

/**
 * Listens, and on SIGTERM/SIGINT shuts down gracefully: readiness off, stop accepting
 * connections, stop fetching and drain in-flight work (onShutdown commits offsets and closes
 * pools), flush traces, exit. A hard deadline keeps a stuck dependency from hanging the pod.
 */
export async function runService(opts: RunServiceOptions): Promise<RunningService> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = opts.app.listen(opts.port, opts.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  opts.logger.info({ port, host: opts.host }, 'listening');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      opts.logger.info({ reason }, 'shutting down');
      opts.setDraining();
      const deadline = setTimeout(() => {
        opts.logger.error('shutdown deadline passed; exiting');
        process.exit(1);
      }, opts.shutdownTimeoutMs);
      deadline.unref();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await opts.onShutdown();
      await closed;
      await stopTracing();
      clearTimeout(deadline);
      opts.logger.info('stopped');
    })();
    return stopping;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown(signal).then(
        () => process.exit(0),
        (err: unknown) => {
          opts.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { server, port, shutdown };
}

/**
 * Runs a service's `main`. A failure to start (bad config, a dependency down at boot) is printed
 * to stderr — the logger may not exist yet — and exits non-zero so the orchestrator restarts it.
 */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${service} failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
