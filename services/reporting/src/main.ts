import { join } from 'node:path';
import { createClickHouse, migrateClickHouse } from '@scorecard/clickhouse';
import { createSerde } from '@scorecard/contracts';
import { createServiceApp, runService, runMain } from '@scorecard/http';
import { clusterHealth, createKafka, ensureTopics, runConsumer } from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadReportingConfig } from './config';
import { reportingRoutes } from './adapters/http/routes';
import { refreshGroupAggregates } from './adapters/clickhouse/group-aggregates';
import { stalePeriods } from './adapters/clickhouse/stale-periods';
import { REPORT_TOPICS, reportBatchHandler } from './adapters/kafka/report-consumer';
import { createAggregateRefresher } from './app/aggregate-refresher';

async function main(): Promise<void> {
  const config = loadReportingConfig();
  const logger = createLogger({ service: 'reporting', level: config.LOG_LEVEL });
  const metrics = createMetrics('reporting');
  const clickhouse = await createClickHouse({
    url: config.CLICKHOUSE_URL,
    chdbPath: config.CHDB_PATH,
    database: config.CLICKHOUSE_DATABASE,
  });
  await migrateClickHouse(clickhouse, {
    database: config.CLICKHOUSE_DATABASE,
    dir: join(__dirname, '..', 'clickhouse-migrations'),
  });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'reporting',
    logger,
    topicPrefix: config.TOPIC_PREFIX,
  });
  const kafkaHealth = clusterHealth(kafka);
  await ensureTopics(kafka, [...REPORT_TOPICS], {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const refresher = createAggregateRefresher(
    (tenant, periods) => refreshGroupAggregates(clickhouse, tenant, periods),
    {
      intervalMs: config.AGGREGATE_REFRESH_MS,
      onError: (err) => logger.error({ err }, 'aggregate refresh failed; will retry'),
    },
  );
  for (const stale of await stalePeriods(clickhouse)) refresher.markDirty(stale.tenant_id, [stale.period_id]);
  // ClickHouse rows are versioned (ReplacingMergeTree), so redelivery is harmless without a dedupe table.
  const consumer = await runConsumer({
    kafka,
    serde,
    groupId: `${config.TOPIC_PREFIX}reporting`,
    topics: REPORT_TOPICS,
    logger,
    metrics,
    batchHandler: reportBatchHandler(clickhouse, refresher),
  });

  const { app, setDraining } = createServiceApp({
    service: 'reporting',
    logger,
    metrics,
    readiness: [
      { name: 'kafka', check: () => kafkaHealth.check() },
      {
        name: 'clickhouse',
        check: async () => {
          const ping = await clickhouse.ping();
          if (!ping.success) throw ping.error;
        },
      },
    ],
    routes: reportingRoutes({ clickhouse }),
  });
  await runService({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    setDraining,
    onShutdown: async () => {
      await kafkaHealth.close();
      await consumer.stop();
      await refresher.stop();
      await clickhouse.close();
    },
  });
}

runMain('reporting', main);
