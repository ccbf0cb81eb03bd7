import type { Kafka, LogEntry, logLevel as LogLevel } from 'kafkajs';
import { Kafka as KafkaJs, logLevel } from 'kafkajs';
import type { TopicName } from '@scorecard/contracts';
import { prefixedTopic } from '@scorecard/contracts';
import type { Logger } from '@scorecard/telemetry';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Prefix of every physical topic name (`TOPIC_PREFIX`; tests). */
  topicPrefix?: string;
}

/** Our handle on the cluster. kafkajs stays inside this package (see `rawKafka`). */
export interface KafkaClient {
  readonly clientId: string;
  readonly topicPrefix: string;
  readonly logger: Logger;
  /** Physical name of a catalog topic. */
  topic(name: TopicName): string;
}

const raw = new WeakMap<KafkaClient, Kafka>();

/** The kafkajs instance behind a client; package-internal, not exported from the index. */
export function rawKafka(client: KafkaClient): Kafka {
  const k = raw.get(client);
  if (!k) throw new Error('not a client made by createKafka');
  return k;
}

export function createKafka({ brokers, clientId, logger, topicPrefix = '' }: KafkaOptions): KafkaClient {
  const log = logger.child({ component: 'kafkajs' });
  const kafka = new KafkaJs({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) =>
        writeLog(log, level, entry),
  });
  const client: KafkaClient = {
    clientId,
    topicPrefix,
    logger,
    topic: (name) => prefixedTopic(name, topicPrefix),
  };
  raw.set(client, kafka);
  return client;
}

function writeLog(log: Logger, level: LogLevel, entry: LogEntry['log']): void {
  const { message, ...fields } = entry;
  if (level === logLevel.ERROR || level === logLevel.NOTHING) log.error(fields, message);
  else if (level === logLevel.WARN) log.warn(fields, message);
  else if (level === logLevel.INFO) log.info(fields, message);
  else log.debug(fields, message);
}
