import { join } from 'node:path';
import { createSerde } from '@scorecard/contracts';
import { openDatabase, pingDatabase } from '@scorecard/db';
import { createServiceApp, runService, runMain } from '@scorecard/http';
import { clusterHealth, createKafka, createProducer, ensureTopics, startOutboxRelay } from '@scorecard/kafka';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { loadReviewConfig } from './config';
import { SCHEMA } from './app/publish';
import { deliverWebhooks } from './app/deliver-webhooks';
import { reviewHttpRoutes } from './adapters/http/routes';
import { startReviewConsumers } from './adapters/kafka/consumers';

async function main(): Promise<void> {
  const config = loadReviewConfig();
  const logger = createLogger({ service: 'review', level: config.LOG_LEVEL });
  const metrics = createMetrics('review');
  const ds = await openDatabase({
    url: config.DATABASE_URL,
    schema: SCHEMA,
    applicationName: 'review',
    migrationsDir: join(__dirname, '..', 'migrations'),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'review',
    logger,
    topicPrefix: config.TOPIC_PREFIX,
  });
  const kafkaHealth = clusterHealth(kafka);
  await ensureTopics(
    kafka,
    [
      'scorecard.review.changed.v1',
      'scorecard.period.finalized.v1',
      'scorecard.payroll.bonus.v1',
      'scorecard.learning.recommendation.v1',
      'scorecard.notification.v1',
      // Consumed here; created if missing so review can start before their producers.
      'scorecard.source.hr.v1',
      'scorecard.registry.changed.v1',
      'scorecard.score.computed.v1',
    ],
    {
      partitions: config.KAFKA_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    },
  );
  const serde = createSerde({ registryUrl: config.SCHEMA_REGISTRY_URL, topicPrefix: config.TOPIC_PREFIX });
  const producer = await createProducer(kafka, { serde, service: 'review', metrics });
  const relay = await startOutboxRelay({ ds, schema: SCHEMA, producer, logger });
  const consumers = await startReviewConsumers({
    kafka,
    serde,
    ds,
    logger,
    metrics,
    topicPrefix: config.TOPIC_PREFIX,
  });
  const webhooks =
    config.REVIEW_WEBHOOK_URLS.length === 0
      ? undefined
      : setInterval(() => {
          deliverWebhooks(ds, {
            secret: config.REVIEW_WEBHOOK_SECRET,
            timeoutMs: 5000,
            maxAttempts: 10,
          }).catch((err: unknown) => logger.warn({ err }, 'webhook delivery pass failed'));
        }, config.REVIEW_WEBHOOK_INTERVAL_MS);

  const { app, setDraining } = createServiceApp({
    service: 'review',
    logger,
    metrics,
    readiness: [
      { name: 'postgres', check: () => pingDatabase(ds) },
      { name: 'kafka', check: () => kafkaHealth.check() },
    ],
    routes: reviewHttpRoutes(ds, { webhookUrls: config.REVIEW_WEBHOOK_URLS }),
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
      if (webhooks !== undefined) clearInterval(webhooks);
      await Promise.all(consumers.map((c) => c.stop()));
      await relay.stop();
      await producer.disconnect();
      await ds.destroy();
    },
  });
}

runMain('review', main);
