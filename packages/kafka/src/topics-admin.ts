import type { TopicName } from '@scorecard/contracts';
import { dlqTopic } from '@scorecard/contracts';
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
export async function ensureTopics(kafka: KafkaClient, topics: readonly TopicName[], layout: TopicLayout): Promise<string[]> {
  const admin = rawKafka(kafka).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [kafka.topic(t), dlqTopic(kafka.topic(t))]).filter((t) => !existing.has(t));
    if (wanted.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: wanted.map((topic) => ({ topic, numPartitions: layout.partitions, replicationFactor: layout.replicationFactor })),
    });
    return wanted;
  } finally {
    await admin.disconnect();
  }
}
