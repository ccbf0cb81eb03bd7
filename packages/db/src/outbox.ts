import type { EntityManager } from 'typeorm';
import { quoteSchema } from './identifiers';
import { assertInTransaction } from './transaction';

export interface OutboxMessage {
  topic: string;
  /** Kafka message key (employee or entity id). */
  key: string;
  /** The event in its JSON form; the relay encodes it for the topic. */
  payload: Record<string, unknown>;
  /** Kafka headers (event-id, occurred-at, producer, tenant-id, traceparent). */
  headers?: Record<string, string>;
}

/**
 * Adds a message to `<schema>.outbox` inside the caller's transaction, so it is published if and
 * only if the state change commits. Returns the outbox id.
 */
export async function enqueueOutbox(
  em: EntityManager,
  schema: string,
  message: OutboxMessage,
): Promise<string> {
  assertInTransaction(em, 'enqueueOutbox');
  const rows: { id: string }[] = await em.query(
    `INSERT INTO ${quoteSchema(schema)}.outbox (topic, key, payload, headers) VALUES ($1, $2, $3, $4) RETURNING id`,
    // Stringified: pg would send a JS array as a Postgres array, not as JSON.
    [message.topic, message.key, JSON.stringify(message.payload), JSON.stringify(message.headers ?? {})],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('outbox insert returned no id');
  return id;
}
