import { join } from 'node:path';
import { createSerde, sourceDomains, sourceTopic } from '@scorecard/contracts';
import { openDatabase, pingDatabase } from '@scorecard/db';
import { createServiceApp, runService } from '@scorecard/http';
import { createKafka, createProducer, ensureTopics, runConsumer, startOutboxRelay } from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadComputeConfig } from './config';
import { computeRoutes } from './adapters/http/routes';
import { recordSourceEvent, SCHEMA } from './app/record-source-event';

async function main(): Promise<void> {
  const config = loadComputeConfig();
  const logger = createLogger({ service: 'compute', level: config.LOG_LEVEL });
  const metrics = createMetrics('compute');
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
  await ensureTopics(kafka, [...sources, 'scorecard.score.computed.v1'], {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const producer = await createProducer(kafka, { serde, service: 'compute', metrics });
  const relay = await startOutboxRelay({ ds, schema: SCHEMA, producer, logger });
  const consumer = await runConsumer({
    kafka,
    serde,
    groupId: `${config.TOPIC_PREFIX}compute.facts`,
    topics: sources,
    logger,
    metrics,
    ds,
    schema: SCHEMA,
    handler: (msg, em) => recordSourceEvent(msg, em),
  });

  const { app, setDraining } = createServiceApp({
    service: 'compute',
    logger,
    metrics,
    readiness: [{ name: 'postgres', check: () => pingDatabase(ds) }],
    routes: computeRoutes(),
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
      await relay.stop();
      await producer.disconnect();
      await ds.destroy();
    },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`compute failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
