import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, requireEnv } from './env';
import { createTopics } from './topics';
import { uniqueGroupId, uniqueTopicPrefix } from './unique-names';
import { waitFor } from './wait-for';

describe('the stack answers', () => {
  const prefix = uniqueTopicPrefix();

  it('carries a message through real Kafka, key, value and headers intact', async () => {
    const topic = `${prefix}ping`;
    await createTopics(kafkaBrokers(), [topic], 3);
    const kafka = new Kafka({ clientId: 'testkit-int', brokers: kafkaBrokers(), logLevel: logLevel.ERROR });
    const producer = kafka.producer({ idempotent: true });
    const consumer = kafka.consumer({ groupId: uniqueGroupId() });
    const received: { key: string; value: string; header: string }[] = [];
    try {
      await producer.connect();
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: 'emp-1', value: 'hello', headers: { 'event-id': 'e-1' } }],
      });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          received.push({
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
            header: message.headers?.['event-id']?.toString() ?? '',
          });
          return Promise.resolve();
        },
      });
      await waitFor(() => received.length > 0, { timeoutMs: 30_000, message: `a message on ${topic}` });
      expect(received).toEqual([{ key: 'emp-1', value: 'hello', header: 'e-1' }]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('registers a Protobuf schema in the real registry through the Confluent-compatible API', async () => {
    const registry = requireEnv('SCHEMA_REGISTRY_URL');
    const subject = `${prefix}ping-value`;
    const schema = 'syntax = "proto3";\npackage testkit;\nmessage Ping { string id = 1; }\n';
    const register = async (): Promise<number> => {
      const res = await fetch(`${registry}/subjects/${encodeURIComponent(subject)}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schemaType: 'PROTOBUF', schema }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { id: number }).id;
    };

    const id = await register();
    expect(Number.isInteger(id)).toBe(true);
    // Registering identical content again must yield the same id: producers rely on it.
    expect(await register()).toBe(id);
    const stored = (await (await fetch(`${registry}/schemas/ids/${id}`)).json()) as {
      schema: string;
      schemaType: string;
    };
    expect(stored.schemaType).toBe('PROTOBUF');
    expect(stored.schema).toContain('message Ping');
    const subjects = (await (await fetch(`${registry}/subjects`)).json()) as string[];
    expect(subjects).toContain(subject);

    // Soft then hard delete, so test subjects do not pile up in a long-lived registry.
    const url = `${registry}/subjects/${encodeURIComponent(subject)}`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${url}?permanent=true`, { method: 'DELETE' })).status).toBe(200);
  });
});
