import { randomBytes } from 'node:crypto';
import { buildSourceEvent, createSerde, sourceDomains, sourceTopic } from '@scorecard/contracts';
import { createKafka, createProducer, ensureTopics, type KafkaClient, type Producer } from '@scorecard/kafka';
import { createLogger } from '@scorecard/telemetry';

export const logger = createLogger({ service: 'bench', level: 'warn' });

/** Kafka and the schema registry of the local stack (or KAFKA_BROKERS / SCHEMA_REGISTRY_URL), under a fresh topic prefix. */
export async function benchKafka(): Promise<{ kafka: KafkaClient; producer: Producer; prefix: string }> {
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  const kafka = createKafka({
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    clientId: 'compute-bench',
    logger,
    topicPrefix: prefix,
  });
  await ensureTopics(kafka, [...sourceDomains.map(sourceTopic), 'scorecard.score.computed.v1'], {
    partitions: 3,
    replicationFactor: 1,
  });
  const serde = createSerde({
    registryUrl: process.env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    topicPrefix: prefix,
  });
  const producer = await createProducer(kafka, { serde, service: 'ingest' });
  return { kafka, producer, prefix };
}

/** A closed ticket as ingest would publish it. */
export function closedTicket(tenantId: string, id: string, owner: string, closedAt: string) {
  return buildSourceEvent({
    tenantId,
    eventId: `bench-${id}`,
    ingestedAt: closedAt,
    event: {
      source: 'ticketing',
      entity: 'ticket',
      id,
      op: 'upsert',
      occurred_at: closedAt,
      version: 1,
      data: {
        status: 'closed',
        closed_at: closedAt,
        created_at: closedAt,
        assigned_to: owner,
        team_id: 'team-0',
        csat: 4,
        priority: 'high',
      },
    },
  });
}
