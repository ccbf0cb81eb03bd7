import { Kafka, logLevel } from 'kafkajs';

/** Creates the topics (if missing) and waits until each partition has a leader. */
export async function createTopics(brokers: string[], topics: string[], partitions = 3): Promise<void> {
  // Silent: kafkajs logs retried metadata errors and "already exists" as errors; real failures still throw.
  const admin = new Kafka({ clientId: 'scorecard-testkit', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}
