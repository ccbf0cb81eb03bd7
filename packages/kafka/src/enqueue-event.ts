import type { EntityManager } from 'typeorm';
import type { TopicMessageInit, TopicName } from '@scorecard/contracts';
import { messageToJson, topicCatalog } from '@scorecard/contracts';
import { enqueueOutbox } from '@scorecard/db';
import type { StringHeaders } from './headers';
import { Header, standardHeaders } from './headers';

export interface EnqueueEvent<T extends TopicName> {
  /** Catalog topic (unprefixed: the relay applies its own prefix). */
  topic: T;
  key: string;
  message: TopicMessageInit<T>;
  tenantId: string;
  headers?: StringHeaders;
  /** Producer name for the header; defaults to the topic's owner service in the catalog. */
  producer?: string;
}

/**
 * Writes an event to `<schema>.outbox` in the caller's transaction, so it is published if and only
 * if the state change commits. The payload is Proto JSON; the headers captured now (event id,
 * occurred-at, producer, tenant, the active trace) are the ones the relay publishes.
 */
export async function enqueueEvent<T extends TopicName>(
  em: EntityManager,
  schema: string,
  event: EnqueueEvent<T>,
): Promise<{ outboxId: string; eventId: string }> {
  const headers = standardHeaders({
    producer: event.producer ?? topicCatalog[event.topic].owner,
    tenantId: event.tenantId,
    headers: event.headers,
  });
  const outboxId = await enqueueOutbox(em, schema, {
    topic: event.topic,
    key: event.key,
    payload: messageToJson(event.topic, event.message) as Record<string, unknown>,
    headers,
  });
  return { outboxId, eventId: headers[Header.eventId] ?? '' };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * `enqueueEvent` for many events with one INSERT (outbox ids follow the given order), for writers
 * that emit thousands of events in one transaction (a compute run's chunk). Returns the event ids.
 */
export async function enqueueEvents<T extends TopicName>(
  em: EntityManager,
  schema: string,
  events: readonly EnqueueEvent<T>[],
): Promise<string[]> {
  if (events.length === 0) return [];
  if (!em.queryRunner?.isTransactionActive) throw new Error('enqueueEvents must run inside a transaction');
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const rows = events.map((event) => ({
    topic: event.topic,
    key: event.key,
    payload: messageToJson(event.topic, event.message) as Record<string, unknown>,
    headers: standardHeaders({
      producer: event.producer ?? topicCatalog[event.topic].owner,
      tenantId: event.tenantId,
      headers: event.headers,
    }),
  }));
  // One JSON document rather than text[] parameters: pg escapes every character of every array
  // element in JavaScript, which costs seconds for a chunk of thousands of large score events.
  await em.query(
    `INSERT INTO "${schema}".outbox (topic, key, payload, headers)
     SELECT e.doc->>'topic', e.doc->>'key', e.doc->'payload', e.doc->'headers'
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, n)
     ORDER BY e.n`,
    [JSON.stringify(rows)],
  );
  return rows.map((r) => r.headers[Header.eventId] ?? '');
}
