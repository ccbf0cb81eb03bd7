import { join } from 'node:path';
import { createSerde } from '@scorecard/contracts';
import { openDatabase, pingDatabase } from '@scorecard/db';
import { createServiceApp, runService } from '@scorecard/http';
import { createKafka, createProducer, ensureTopics } from '@scorecard/kafka';
import { sourceDomains, sourceTopic } from '@scorecard/contracts';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadIngestConfig } from './config';
import { ingestRoutes } from './adapters/http/routes';
import { sourcePublisher } from './adapters/kafka/source-publisher';

async function main(): Promise<void> {
  const config = loadIngestConfig();
  const logger = createLogger({ service: 'ingest', level: config.LOG_LEVEL });
  const metrics = createMetrics('ingest');
  const ds = await openDatabase({
    url: config.DATABASE_URL,
    schema: 'ingest',
    applicationName: 'ingest',
    migrationsDir: join(__dirname, '..', 'migrations'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'ingest',
    logger,
    topicPrefix: config.TOPIC_PREFIX,
  });
  await ensureTopics(kafka, sourceDomains.map(sourceTopic), {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const producer = await createProducer(kafka, { serde, service: 'ingest', metrics });

  const { app, setDraining } = createServiceApp({
    service: 'ingest',
    logger,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    readiness: [{ name: 'postgres', check: () => pingDatabase(ds) }],
    routes: ingestRoutes({ ds, publisher: sourcePublisher(producer), logger }),
  });
  await runService({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    setDraining,
    onShutdown: async () => {
      await producer.disconnect();
      await ds.destroy();
    },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`ingest failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
