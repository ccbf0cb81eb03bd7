import { join } from 'node:path';
import { createSerde } from '@scorecard/contracts';
import { openDatabase } from '@scorecard/db';
import { runService, runMain } from '@scorecard/http';
import { clusterHealth, createKafka, createProducer, ensureTopics, startOutboxRelay } from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadRegistryConfig } from './config';
import { createRegistryApp } from './adapters/http/registry-app';
import { pgRegistryStore, SCHEMA } from './adapters/postgres/pg-registry-store';
import { installLibrary } from './app/install-library';

async function main(): Promise<void> {
  const config = loadRegistryConfig();
  const logger = createLogger({ service: 'registry', level: config.LOG_LEVEL });
  const metrics = createMetrics('registry');
  const ds = await openDatabase({
    url: config.DATABASE_URL,
    schema: SCHEMA,
    applicationName: 'registry',
    migrationsDir: join(__dirname, '..', 'migrations'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'registry',
    logger,
    topicPrefix: config.TOPIC_PREFIX,
  });
  const kafkaHealth = clusterHealth(kafka);
  await ensureTopics(kafka, ['scorecard.registry.changed.v1'], {
    partitions: config.KAFKA_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const producer = await createProducer(kafka, { serde, service: 'registry', metrics });
  const relay = await startOutboxRelay({ ds, schema: SCHEMA, producer, logger });

  // Tenants named here get the seed library at start; others on their first request.
  for (const tenant of config.SEED_TENANTS) await installLibrary(pgRegistryStore(ds), tenant);

  const { app, setDraining } = createRegistryApp({
    ds,
    logger,
    metrics,
    readiness: [{ name: 'kafka', check: () => kafkaHealth.check() }],
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
      await relay.stop();
      await producer.disconnect();
      await ds.destroy();
    },
  });
}

runMain('registry', main);
