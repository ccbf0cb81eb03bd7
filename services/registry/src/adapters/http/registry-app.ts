import type { DataSource } from 'typeorm';
import { pingDatabase } from '@scorecard/db';
import { createServiceApp } from '@scorecard/http';
import type { Logger, Metrics } from '@scorecard/telemetry';
import { libraryOnFirstUse } from '../../app/install-library';
import { pgRegistryStore } from '../postgres/pg-registry-store';
import { registryRoutes } from './routes';

/** The registry's express app over a migrated DataSource (used by main and the int tests). */
export function createRegistryApp(opts: { ds: DataSource; logger: Logger; metrics: Metrics }) {
  const store = pgRegistryStore(opts.ds);
  return createServiceApp({
    service: 'registry',
    logger: opts.logger,
    metrics: opts.metrics,
    readiness: [{ name: 'postgres', check: () => pingDatabase(opts.ds) }],
    routes: registryRoutes({ store, ensureLibrary: libraryOnFirstUse(store) }),
  });
}
