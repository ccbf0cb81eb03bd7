import type { DescMessage, JsonValue } from '@bufbuild/protobuf';
import { create, fromJson, toJson } from '@bufbuild/protobuf';
import type { TopicMessage, TopicMessageInit, TopicName } from './topics';
import { topicCatalog } from './topics';

// Outbox rows store a message as canonical Proto JSON: readable in SQL, and any later schema
// version (added fields) still parses it when the relay encodes at publish time.

const schemaOf = (topic: TopicName): DescMessage => topicCatalog[topic].schema;

export function messageToJson<T extends TopicName>(topic: T, message: TopicMessageInit<T>): JsonValue {
  const schema = schemaOf(topic);
  return toJson(schema, create(schema, message as never));
}

export function messageFromJson<T extends TopicName>(topic: T, json: JsonValue): TopicMessage<T> {
  return fromJson(schemaOf(topic), json, { ignoreUnknownFields: true }) as TopicMessage<T>;
}
