import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchServices, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  type FreshDatabase,
} from '@scorecard/testkit';

/** All six services on a fresh database, topic prefix and chdb directory; `stop` removes them. */
export interface ScorecardSystem {
  gateway: string;
  urls: RunningServices['urls'];
  stop(): Promise<void>;
}

export async function startScorecardSystem(
  name: string,
  seedTenants: string[],
  opts: { readyTimeoutMs?: number } = {},
): Promise<ScorecardSystem> {
  const db: FreshDatabase = await freshDatabase();
  const chdbDir = mkdtempSync(join(tmpdir(), `scorecard-${name}-chdb-`));
  const topicPrefix = uniqueTopicPrefix();
  const services = await launchServices({
    env: {
      DATABASE_URL: db.url,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
      TOPIC_PREFIX: topicPrefix,
      CHDB_PATH: chdbDir,
      SEED_TENANTS: seedTenants.join(','),
      LOG_LEVEL: 'warn',
    },
    // Fuzz and matrix tests send thousands of requests a minute on purpose.
    serviceEnv: { gateway: { RATE_LIMIT_PER_MINUTE: '1000000' } },
    ports: 'free',
    ...(opts.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: opts.readyTimeoutMs }),
    logDir: join(tmpdir(), `scorecard-${name}-logs-${topicPrefix}`),
  });
  return {
    gateway: services.urls.gateway,
    urls: services.urls,
    stop: async () => {
      await services.stop();
      await db.drop();
      rmSync(chdbDir, { recursive: true, force: true });
    },
  };
}
