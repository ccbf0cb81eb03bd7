import { join } from 'node:path';
import { createSerde, sourceDomains, sourceTopic } from '@scorecard/contracts';
import { openDatabase, pingDatabase, startStatisticsKeeper } from '@scorecard/db';
import { createServiceApp, runService, runMain } from '@scorecard/http';
import { createKafka, createProducer, ensureTopics, runConsumer, startOutboxRelay } from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadComputeConfig } from './config';
import { computeRoutes } from './adapters/http/routes';
import { recordPeriodFinalized } from './app/record-period-finalized';
import { recordRegistryChange } from './app/record-registry-change';
import { recordReviewChange } from './app/record-review-change';
import { recordSourceEvents } from './app/record-source-events';
import { startDirtyWorker } from './app/recompute-dirty';
import { startRunWorker } from './app/run-compute';
import { startScheduler } from './app/schedule-periods';
import { SCHEMA } from './app/score-people';

async function main(): Promise<void> {
  const config = loadComputeConfig();
  const logger = createLogger({ service: 'compute', level: config.LOG_LEVEL });
  const metrics = createMetrics('compute');
  const now = () => new Date();
  const ds = await openDatabase({
    url: config.DATABASE_URL,
    schema: SCHEMA,
    applicationName: 'compute',
    migrationsDir: join(__dirname, '..', 'migrations'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'compute',
    logger,
    topicPrefix: config.TOPIC_PREFIX,
  });
  const sources = sourceDomains.map(sourceTopic);
  const consumed = [
    'scorecard.registry.changed.v1',
    'scorecard.review.changed.v1',
    'scorecard.period.finalized.v1',
  ] as const;
  await ensureTopics(kafka, [...sources, ...consumed, 'scorecard.score.computed.v1'], {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const producer = await createProducer(kafka, { serde, service: 'compute', metrics });
  const relay = await startOutboxRelay({ ds, schema: SCHEMA, producer, logger });
  const common = { kafka, serde, logger, metrics };
  const consumers = await Promise.all([
    runConsumer({
      ...common,
      ds,
      schema: SCHEMA,
      groupId: `${config.TOPIC_PREFIX}compute.facts`,
      topics: sources,
      maxBatchSize: config.FACTS_BATCH_SIZE,
      partitionsConsumedConcurrently: 3,
      batchHandler: (msgs, em) =>
        recordSourceEvents(msgs, em, {
          frequencies: config.SCHEDULE_FREQUENCIES,
          lookback: config.PERIOD_BACKFILL,
          defaultTimezone: config.DEFAULT_TIMEZONE,
          now,
        }),
    }),
    runConsumer({
      ...common,
      ds,
      schema: SCHEMA,
      groupId: `${config.TOPIC_PREFIX}compute.registry`,
      topics: ['scorecard.registry.changed.v1'],
      handler: (msg, em) => recordRegistryChange(msg, em),
    }),
    runConsumer({
      ...common,
      ds,
      schema: SCHEMA,
      groupId: `${config.TOPIC_PREFIX}compute.review`,
      topics: ['scorecard.review.changed.v1', 'scorecard.period.finalized.v1'],
      handler: (msg, em) =>
        msg.topic === 'scorecard.review.changed.v1'
          ? recordReviewChange(msg, em)
          : recordPeriodFinalized(msg, em),
    }),
  ]);
  const runs = startRunWorker(ds, {
    chunkSize: config.RUN_CHUNK_SIZE,
    pollMs: config.RUN_POLL_MS,
    staleAfterMs: config.RUN_STALE_AFTER_MS,
    now,
    logger,
  });
  const dirty = startDirtyWorker(ds, {
    limit: config.DIRTY_BATCH_SIZE,
    pollMs: config.DIRTY_POLL_MS,
    now,
    logger,
  });
  // Facts arrive in bulk; plans must not wait for an autovacuum that may never run.
  const statistics = startStatisticsKeeper(ds, {
    schema: SCHEMA,
    intervalMs: config.ANALYZE_INTERVAL_MS,
    onAnalyzed: (tables) => logger.info({ tables }, 'analyzed tables with stale statistics'),
    onError: (err) => logger.warn({ err }, 'analyzing stale tables failed'),
  });
  const scheduler = startScheduler(ds, {
    frequencies: config.SCHEDULE_FREQUENCIES,
    defaultTimezone: config.DEFAULT_TIMEZONE,
    intervalMs: config.SCHEDULER_INTERVAL_MS,
    now,
    onError: (err) => logger.error({ err }, 'scheduler tick failed'),
  });

  const { app, setDraining } = createServiceApp({
    service: 'compute',
    logger,
    metrics,
    readiness: [{ name: 'postgres', check: () => pingDatabase(ds) }],
    routes: computeRoutes({ ds, defaultTimezone: config.DEFAULT_TIMEZONE }),
  });
  await runService({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    setDraining,
    onShutdown: async () => {
      scheduler.stop();
      await statistics.stop();
      await Promise.all(consumers.map((c) => c.stop()));
      await runs.stop();
      await dirty.stop();
      await relay.stop();
      await producer.disconnect();
      await ds.destroy();
    },
  });
}

runMain('compute', main);
