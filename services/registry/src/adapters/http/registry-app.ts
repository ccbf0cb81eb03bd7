import type { DataSource } from 'typeorm';
import { pingDatabase } from '@scorecard/db';
import { createServiceApp, type ReadinessCheck } from '@scorecard/http';
import type { Logger, Metrics } from '@scorecard/telemetry';
import { libraryOnFirstUse } from '../../app/install-library';
import { pgRegistryStore } from '../postgres/pg-registry-store';
import { registryRoutes } from './routes';

/** The registry's express app over a migrated DataSource (used by main and the int tests). */
/** `readiness` adds checks beyond Postgres (main passes Kafka; tests need none). */
export function createRegistryApp(opts: {
  ds: DataSource;
  logger: Logger;
  metrics: Metrics;
  readiness?: ReadinessCheck[];
}) {
  const store = pgRegistryStore(opts.ds);
  return createServiceApp({
    service: 'registry',
    logger: opts.logger,
    metrics: opts.metrics,
    readiness: [{ name: 'postgres', check: () => pingDatabase(opts.ds) }, ...(opts.readiness ?? [])],
    routes: registryRoutes({ store, ensureLibrary: libraryOnFirstUse(store) }),
  });
}
