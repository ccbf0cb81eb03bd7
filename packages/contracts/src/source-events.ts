import type { DescMessage } from '@bufbuild/protobuf';
import type { IngestEvent } from './source-validation';
import type { SourceDomain, TopicMessage, TopicMessageInit } from './topics';
import { sourceTopic, topicCatalog } from './topics';

type SourceTopic = ReturnType<typeof sourceTopic>;
type Scalar = string | number | boolean;

/** A source event ready to publish (or enqueue): the topic, its key (the entity id) and the envelope. */
export type SourceEventRecord = {
  [D in SourceDomain]: { topic: `scorecard.source.${D}.v1`; key: string; message: TopicMessageInit<`scorecard.source.${D}.v1`> };
}[SourceDomain];

/** Any decoded source envelope. */
export type SourceEventMessage = TopicMessage<SourceTopic>;

const envelopeOf = (source: SourceDomain) => topicCatalog[sourceTopic(source)].schema as DescMessage;

// Envelope Op values are the same in every source file.
const OP_UPSERT = 1;
const OP_DELETE = 2;

/**
 * Maps a validated ingest event onto its topic's envelope: canonical fields into the typed entity
 * message (matched by proto field name), everything else into `extra` as strings.
 */
export function buildSourceEvent(opts: { tenantId: string; eventId: string; ingestedAt: string; event: IngestEvent }): SourceEventRecord {
  const { event } = opts;
  const envelope = envelopeOf(event.source);
  const entityField = envelope.fields.find((f) => f.name === event.entity && f.oneof?.name === 'data');
  if (!entityField || entityField.message === undefined) throw new Error(`${event.source}/${event.entity} has no entity message`);
  const entityDesc = entityField.message;
  const value: Record<string, Scalar> = {};
  const extra: Record<string, string> = {};
  // A delete carries no entity state.
  const data = event.op === 'delete' ? {} : (event.data ?? {});
  for (const [key, v] of Object.entries(data)) {
    if (v === null || v === undefined) continue;
    const field = entityDesc.fields.find((f) => f.name === key);
    if (field) value[field.localName] = v as Scalar;
    else extra[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const message = {
    tenantId: opts.tenantId,
    source: event.source,
    entity: event.entity,
    id: event.id,
    op: event.op === 'delete' ? OP_DELETE : OP_UPSERT,
    occurredAt: event.occurred_at,
    version: String(event.version ?? 0),
    ingestedAt: opts.ingestedAt,
    eventId: opts.eventId,
    data: event.op === 'delete' ? { case: undefined } : { case: entityField.localName, value },
    extra,
  };
  return { topic: sourceTopic(event.source), key: event.id, message } as SourceEventRecord;
}

/** The canonical view of a decoded envelope: catalog (snake_case) field names, unset fields left out. */
export function sourceEventData(message: SourceEventMessage): {
  op: 'upsert' | 'delete';
  data: Record<string, Scalar>;
  extra: Record<string, string>;
} {
  const data: Record<string, Scalar> = {};
  const envelope = envelopeOf(message.source as SourceDomain);
  const field = envelope.fields.find((f) => f.localName === message.data.case);
  if (field?.message && message.data.value) {
    const value = message.data.value as unknown as Record<string, Scalar | undefined>;
    for (const f of field.message.fields) {
      const v = value[f.localName];
      if (v !== undefined) data[f.name] = v;
    }
  }
  return { op: (message.op as number) === OP_DELETE ? 'delete' : 'upsert', data, extra: { ...message.extra } };
}
