import { join } from 'node:path';
import { createClickHouse, migrateClickHouse } from '@scorecard/clickhouse';
import { createSerde } from '@scorecard/contracts';
import { createServiceApp, runService } from '@scorecard/http';
import { createKafka, ensureTopics, runConsumer } from '@scorecard/kafka';
import { createLogger, createMetrics, currentTraceId } from '@scorecard/telemetry';
import { loadReportingConfig } from './config';
import { reportingRoutes } from './adapters/http/routes';
import { writeScore } from './adapters/clickhouse/score-store';

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
  await ensureTopics(kafka, ['scorecard.score.computed.v1'], {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  // ClickHouse rows are versioned (ReplacingMergeTree), so redelivery is harmless without a dedupe table.
  const consumer = await runConsumer({
    kafka,
    serde,
    groupId: `${config.TOPIC_PREFIX}reporting.scores`,
    topics: ['scorecard.score.computed.v1'],
    logger,
    metrics,
    handler: (msg) => writeScore(clickhouse, msg.value, currentTraceId() ?? ''),
  });

  const { app, setDraining } = createServiceApp({
    service: 'reporting',
    logger,
    metrics,
    readiness: [
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
      await consumer.stop();
      await clickhouse.close();
    },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`reporting failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
