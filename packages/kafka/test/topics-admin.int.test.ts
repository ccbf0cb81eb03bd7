import { Kafka, logLevel, ConfigResourceTypes } from 'kafkajs';
import { createLogger } from '@scorecard/telemetry';
import { kafkaBrokers, uniqueTopicPrefix } from '@scorecard/testkit';
import { createKafka, ensureTopics } from '../src';

describe('ensureTopics', () => {
  it('creates catalog topics with their DLQs, compacting only state topics, and is idempotent', async () => {
    const prefix = uniqueTopicPrefix();
    const kafka = createKafka({
      brokers: kafkaBrokers(),
      clientId: 'topics-test',
      logger: createLogger({ service: 't', level: 'silent' }),
      topicPrefix: prefix,
    });
    const created = await ensureTopics(
      kafka,
      ['scorecard.registry.changed.v1', 'scorecard.score.computed.v1'],
      { partitions: 2, replicationFactor: 1 },
    );
    expect(created.sort()).toEqual(
      [
        `${prefix}scorecard.registry.changed.v1`,
        `${prefix}scorecard.registry.changed.v1.dlq`,
        `${prefix}scorecard.score.computed.v1`,
        `${prefix}scorecard.score.computed.v1.dlq`,
      ].sort(),
    );
    expect(
      await ensureTopics(kafka, ['scorecard.registry.changed.v1'], { partitions: 2, replicationFactor: 1 }),
    ).toEqual([]);

    const admin = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const names = [
        `${prefix}scorecard.registry.changed.v1`,
        `${prefix}scorecard.registry.changed.v1.dlq`,
        `${prefix}scorecard.score.computed.v1`,
      ];
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['cleanup.policy'],
        })),
      });
      const policy = Object.fromEntries(
        resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue]),
      );
      expect(policy).toEqual({ [names[0]!]: 'compact', [names[1]!]: 'delete', [names[2]!]: 'delete' });
      const meta = await admin.fetchTopicMetadata({ topics: [names[2]!] });
      expect(meta.topics[0]?.partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });
});
