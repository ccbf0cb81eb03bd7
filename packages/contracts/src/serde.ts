import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { DescMessage } from '@bufbuild/protobuf';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { protoSources } from './generated/proto-sources';
import { DecodeError } from './decode-error';
import { registryStatus, toRegistryError } from './registry-error';
import { frame, unframe } from './wire-format';
import type { TopicMessage, TopicMessageInit, TopicName } from './topics';
import { resolveTopic, topicCatalog } from './topics';

export interface SerdeOptions {
  /** Confluent-compatible base URL, e.g. http://127.0.0.1:8081/apis/ccompat/v7 (Apicurio). */
  registryUrl: string;
  /** Prefix of physical topic (and so subject) names; tests use it to share a registry. */
  topicPrefix?: string;
  /**
   * Register the topic's schema on first encode (default). With false the schema must already be
   * registered (e.g. by CI) and encode only looks its id up.
   */
  autoRegister?: boolean;
}

export interface Serde {
  /** Confluent wire-format value of `message` for `topic` (a catalog name, unprefixed). */
  encode<T extends TopicName>(topic: T, message: TopicMessageInit<T>): Promise<Buffer>;
  /** The topic's message from a wire-format value; throws DecodeError for bytes that can never decode. */
  decode<T extends TopicName>(topic: T, value: Buffer | Uint8Array): Promise<TopicMessage<T>>;
  /** Schema id of the topic's value subject (registering it if allowed). */
  schemaId(topic: TopicName): Promise<number>;
}

/**
 * Protobuf serde through the schema registry. The registry client (@kafkajs/confluent-schema-registry)
 * registers and looks up schemas; bytes are written and read by the generated @bufbuild/protobuf
 * code, and framed here in the Confluent wire format with message index [0] — every topic's
 * .proto declares its envelope first, which is also the message that library picks by default.
 */
export function createSerde(opts: SerdeOptions): Serde {
  const registry = new SchemaRegistry({ host: opts.registryUrl });
  const prefix = opts.topicPrefix ?? '';
  const ids = new Map<TopicName, Promise<number>>();
  const writerTypes = new Map<number, Promise<string | undefined>>();

  const lookupId = async (topic: TopicName): Promise<number> => {
    const { subject, spec } = resolveTopic(topic, prefix);
    const schema = { type: SchemaType.PROTOBUF, schema: protoSources[spec.proto] ?? '' } as const;
    try {
      if (opts.autoRegister === false) return await registry.getRegistryIdBySchema(subject, schema);
      return (await registry.register(schema, { subject })).id;
    } catch (err) {
      throw toRegistryError(err, `schema of ${subject} could not be ${opts.autoRegister === false ? 'found' : 'registered'}`);
    }
  };

  const schemaId = (topic: TopicName): Promise<number> => {
    let id = ids.get(topic);
    if (!id) {
      id = lookupId(topic);
      // A failed lookup must not stick: the next call asks the registry again.
      id.catch(() => ids.delete(topic));
      ids.set(topic, id);
    }
    return id;
  };

  // Full name of the message a schema id frames with index [0], as the registry client parses it.
  const writerType = (id: number): Promise<string | undefined> => {
    let type = writerTypes.get(id);
    if (!type) {
      type = registry.getSchema(id).then(
        // ProtoSchema keeps the parsed protobufjs Type in `message` (not in its typings).
        (schema) => (schema as unknown as { message?: { fullName?: string } }).message?.fullName?.replace(/^\./, ''),
        (err: unknown) => {
          if (registryStatus(err) === 404) throw new DecodeError('unknown_schema', `schema id ${id} is not in the registry`, { cause: err });
          throw toRegistryError(err, `schema id ${id} could not be fetched`);
        },
      );
      type.catch(() => writerTypes.delete(id));
      writerTypes.set(id, type);
    }
    return type;
  };

  const schemaOf = (topic: TopicName): DescMessage => {
    const spec = topicCatalog[topic] as { schema: DescMessage } | undefined;
    if (!spec) throw new DecodeError('unknown_topic', `${String(topic)} is not in the topic catalog`);
    return spec.schema;
  };

  return {
    schemaId,

    async encode(topic, message) {
      const schema = schemaOf(topic);
      const bytes = toBinary(schema, create(schema, message as never));
      return frame(await schemaId(topic), bytes);
    },

    async decode(topic, value) {
      const schema = schemaOf(topic);
      const { schemaId: id, indexes, payload } = unframe(value);
      if (indexes.length !== 1 || indexes[0] !== 0) {
        throw new DecodeError('schema_mismatch', `message index [${indexes.join(',')}] is not the ${schema.typeName} envelope [0]`);
      }
      const written = await writerType(id);
      if (written !== schema.typeName) {
        throw new DecodeError('schema_mismatch', `schema id ${id} frames ${written ?? 'no message'}, ${topic} carries ${schema.typeName}`);
      }
      try {
        return fromBinary(schema, payload) as TopicMessage<typeof topic>;
      } catch (err) {
        throw new DecodeError('invalid_protobuf', `not a valid ${schema.typeName}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
