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
