export type { KafkaClient, KafkaOptions } from './kafka-client';
export { createKafka } from './kafka-client';
export type { TopicLayout } from './topics-admin';
export { ensureTopics } from './topics-admin';
export type {
  OutgoingMessage,
  PreparedPublish,
  Producer,
  ProducerOptions,
  RawRecord,
  TopicRecord,
} from './producer';
export { createProducer } from './producer';
export type { EnqueueEvent } from './enqueue-event';
export { enqueueEvent, enqueueEvents } from './enqueue-event';
export type { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
export { startOutboxRelay } from './outbox-relay';
export type {
  Consumed,
  ConsumedMessage,
  ConsumerOptions,
  RetryOptions,
  RunningConsumer,
} from './consumer-runner';
export { runConsumer } from './consumer-runner';
export type { DlqEntry } from './dlq';
export { MAX_REDRIVES, listDlq, redrive } from './dlq';
export type { StringHeaders } from './headers';
export { DlqHeader, Header, REDRIVE_COUNT_HEADER, headersToStrings, standardHeaders } from './headers';
export type { BackoffOptions } from './backoff';
export { backoffDelay } from './backoff';
export type { FailureAction } from './failure-policy';
export { classifyFailure } from './failure-policy';
export type { ClusterHealth } from './cluster-health';
export { clusterHealth } from './cluster-health';
