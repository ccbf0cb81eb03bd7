import type { TopicName } from '@scorecard/contracts';
import { dlqTopic, topicCatalog } from '@scorecard/contracts';
import type { KafkaClient } from './kafka-client';
import { rawKafka } from './kafka-client';

export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
}

/**
 * Creates the catalog topics and their `.dlq` topics when missing (existing ones are left as
 * they are) and waits for partition leaders. Returns the physical names created.
 */
export async function ensureTopics(
  kafka: KafkaClient,
  topics: readonly TopicName[],
  layout: TopicLayout,
): Promise<string[]> {
  const admin = rawKafka(kafka).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const base = { numPartitions: layout.partitions, replicationFactor: layout.replicationFactor };
    const compact = [{ name: 'cleanup.policy', value: 'compact' }];
    // A DLQ is never compacted: every dead letter matters, not only the latest per key.
    const wanted = topics
      .flatMap((t) => [
        { topic: kafka.topic(t), ...base, ...(topicCatalog[t].compacted ? { configEntries: compact } : {}) },
        { topic: dlqTopic(kafka.topic(t)), ...base },
      ])
      .filter((t) => !existing.has(t.topic));
    if (wanted.length === 0) return [];
    await admin.createTopics({ waitForLeaders: true, topics: wanted });
    return wanted.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
