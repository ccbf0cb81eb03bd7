import type { DataSource } from 'typeorm';
import type { Serde } from '@scorecard/contracts';
import { runConsumer, type KafkaClient, type RunningConsumer } from '@scorecard/kafka';
import type { Logger, Metrics } from '@scorecard/telemetry';
import { applyHrEvent } from '../../app/apply-hr-event';
import { applyRegistryChange } from '../../app/apply-registry-change';
import { SCHEMA } from '../../app/publish';
import { recordComputedScore } from '../../app/record-computed-score';

export interface ConsumerDeps {
  kafka: KafkaClient;
  serde: Serde;
  ds: DataSource;
  logger: Logger;
  metrics: Metrics;
  /** TOPIC_PREFIX: group ids carry it too, so test runs never share offsets. */
  topicPrefix: string;
}

/**
 * Review's three inputs, each its own consumer group so a slow one never holds up another: HR
 * (people, reporting line, lifecycle), registry configuration, and compute's scores. Each handler
 * runs in a transaction with the event-id dedupe record.
 */
export async function startReviewConsumers(d: ConsumerDeps): Promise<RunningConsumer[]> {
  const { kafka, serde, ds, logger, metrics } = d;
  return Promise.all([
    runConsumer({
      kafka,
      serde,
      ds,
      schema: SCHEMA,
      logger,
      metrics,
      groupId: `${d.topicPrefix}review.hr`,
      topics: ['scorecard.source.hr.v1'],
      handler: (m, em) => applyHrEvent(m, em),
    }),
    runConsumer({
      kafka,
      serde,
      ds,
      schema: SCHEMA,
      logger,
      metrics,
      groupId: `${d.topicPrefix}review.registry`,
      topics: ['scorecard.registry.changed.v1'],
      handler: (m, em) => applyRegistryChange(m, em),
    }),
    runConsumer({
      kafka,
      serde,
      ds,
      schema: SCHEMA,
      logger,
      metrics,
      groupId: `${d.topicPrefix}review.scores`,
      topics: ['scorecard.score.computed.v1'],
      handler: (m, em) => recordComputedScore(m, em),
    }),
  ]);
}
