import { extname, join } from 'node:path';
import { createSerde, sourceDomains, sourceTopic } from '@scorecard/contracts';
import { createDataSource, openDatabase, pingDatabase } from '@scorecard/db';
import { createServiceApp, runService, runMain } from '@scorecard/http';
import { clusterHealth, createKafka, createProducer, ensureTopics } from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadIngestConfig } from './config';
import { RAW_BODY_PATHS, ingestRoutes } from './adapters/http/routes';
import { inThreadBatchEncoder, sourceSchemaIds, workerBatchEncoder } from './adapters/worker/batch-encoder';
import { startCdcConsumer } from './adapters/kafka/cdc-consumer';
import { sourcePublisher } from './adapters/kafka/source-publisher';
import { startTablePoller } from './adapters/postgres/table-poller';
import { transactionalAccept } from './adapters/postgres/transactional-accept';
import { parseConnectorSpecs } from './domain/connector-spec';

async function main(): Promise<void> {
  const config = loadIngestConfig();
  const logger = createLogger({ service: 'ingest', level: config.LOG_LEVEL });
  const metrics = createMetrics('ingest');
  // Bad connector configuration stops the start, naming the entry.
  const cdcTopics = parseConnectorSpecs(config.CDC_TOPICS, config.CONNECTOR_TENANT_ID);
  const pollTables = parseConnectorSpecs(config.POLL_TABLES, config.CONNECTOR_TENANT_ID);
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
  const kafkaHealth = clusterHealth(kafka);
  await ensureTopics(kafka, sourceDomains.map(sourceTopic), {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const producer = await createProducer(kafka, { serde, service: 'ingest', metrics });
  const publisher = sourcePublisher(producer);
  const schemaIds = sourceSchemaIds(serde);
  const encoder =
    config.INGEST_WORKERS > 0
      ? workerBatchEncoder({
          // src/workers/encode-batch.ts under tsx, dist/workers/encode-batch.js in the bundle.
          file: join(__dirname, 'workers', `encode-batch${extname(__filename)}`),
          size: config.INGEST_WORKERS,
          schemaIds,
          logger,
        })
      : inThreadBatchEncoder(schemaIds);

  const cdc =
    cdcTopics.length === 0
      ? undefined
      : await startCdcConsumer({
          brokers: config.KAFKA_BROKERS,
          groupId: config.TOPIC_PREFIX + config.CDC_GROUP_ID,
          topics: cdcTopics,
          accept: transactionalAccept(ds, publisher),
          logger,
          dlqPartitions: config.KAFKA_PARTITIONS,
          replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        });

  const pollSource =
    pollTables.length === 0 || !config.POLL_DATABASE_URL
      ? undefined
      : await createDataSource({
          url: config.POLL_DATABASE_URL,
          schema: 'public',
          applicationName: 'ingest-poller',
          poolSize: 2,
        }).initialize();
  const poller =
    pollSource &&
    startTablePoller({
      source: pollSource,
      ds,
      publisher,
      specs: pollTables,
      cursorColumn: config.POLL_CURSOR_COLUMN,
      batchSize: config.POLL_BATCH_SIZE,
      intervalMs: config.POLL_INTERVAL_MS,
      lagSeconds: config.POLL_LAG_SECONDS,
      logger,
    });

  const { app, setDraining } = createServiceApp({
    service: 'ingest',
    logger,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    readiness: [
      { name: 'postgres', check: () => pingDatabase(ds) },
      { name: 'kafka', check: () => kafkaHealth.check() },
    ],
    rawBodyPaths: RAW_BODY_PATHS,
    routes: ingestRoutes({
      ds,
      publisher,
      encoder,
      logger,
      webhooks: {
        zendeskSecrets: config.ZENDESK_WEBHOOK_SECRETS,
        freshdeskSecrets: config.FRESHDESK_WEBHOOK_SECRETS,
        replayWindowSeconds: config.WEBHOOK_REPLAY_WINDOW_SECONDS,
      },
    }),
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
      await cdc?.stop();
      await poller?.stop();
      await pollSource?.destroy();
      await encoder.close();
      await producer.disconnect();
      await ds.destroy();
    },
  });
}

runMain('ingest', main);
