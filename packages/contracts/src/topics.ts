import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import { HrEventSchema } from './generated/scorecard/source/hr/v1/hr_pb';
import { TicketingEventSchema } from './generated/scorecard/source/ticketing/v1/ticketing_pb';
import { FieldServiceEventSchema } from './generated/scorecard/source/field_service/v1/field_service_pb';
import { NocEventSchema } from './generated/scorecard/source/noc/v1/noc_pb';
import { FinanceEventSchema } from './generated/scorecard/source/finance/v1/finance_pb';
import { CrmEventSchema } from './generated/scorecard/source/crm/v1/crm_pb';
import { CareEventSchema } from './generated/scorecard/source/care/v1/care_pb';
import { LearningEventSchema } from './generated/scorecard/source/learning/v1/learning_pb';
import { ScoreComputedSchema } from './generated/scorecard/score/computed/v1/score_computed_pb';
import { RegistryChangedSchema } from './generated/scorecard/registry/changed/v1/registry_changed_pb';
import { ReviewChangedSchema } from './generated/scorecard/review/changed/v1/review_changed_pb';
import { PeriodFinalizedSchema } from './generated/scorecard/period/finalized/v1/period_finalized_pb';
import { PayrollBonusSchema } from './generated/scorecard/payroll/bonus/v1/payroll_bonus_pb';
import { LearningRecommendationSchema } from './generated/scorecard/learning/recommendation/v1/learning_recommendation_pb';
import { NotificationSchema } from './generated/scorecard/notification/v1/notification_pb';

export type ServiceName = 'ingest' | 'registry' | 'compute' | 'review' | 'reporting' | 'gateway';

export interface TopicSpec<S extends DescMessage = DescMessage> {
  /** What the record key is (partitioning). */
  key: string;
  /** The value's Protobuf message: the first message of `proto`, framed with message index [0]. */
  schema: S;
  /** The .proto file (relative to proto/) registered as the value subject's schema. */
  proto: string;
  owner: ServiceName;
  consumers: readonly string[];
  /**
   * Log-compacted (the latest value per key is kept forever): a state topic a consumer can rebuild
   * its read model from, rather than an event stream that ages out.
   */
  compacted?: boolean;
}

const spec = <S extends DescMessage>(s: TopicSpec<S>): TopicSpec<S> => s;

/** Every topic Scorecard produces. The value subject is `<topic>-value`, the DLQ `<topic>.dlq`. */
export const topicCatalog = {
  'scorecard.source.hr.v1': spec({
    key: 'entity id',
    schema: HrEventSchema,
    proto: 'scorecard/source/hr/v1/hr.proto',
    owner: 'ingest',
    consumers: ['compute', 'review'],
  }),
  'scorecard.source.ticketing.v1': spec({
    key: 'entity id',
    schema: TicketingEventSchema,
    proto: 'scorecard/source/ticketing/v1/ticketing.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.source.field_service.v1': spec({
    key: 'entity id',
    schema: FieldServiceEventSchema,
    proto: 'scorecard/source/field_service/v1/field_service.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.source.noc.v1': spec({
    key: 'entity id',
    schema: NocEventSchema,
    proto: 'scorecard/source/noc/v1/noc.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.source.finance.v1': spec({
    key: 'entity id',
    schema: FinanceEventSchema,
    proto: 'scorecard/source/finance/v1/finance.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.source.crm.v1': spec({
    key: 'entity id',
    schema: CrmEventSchema,
    proto: 'scorecard/source/crm/v1/crm.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.source.care.v1': spec({
    key: 'entity id',
    schema: CareEventSchema,
    proto: 'scorecard/source/care/v1/care.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.source.learning.v1': spec({
    key: 'entity id',
    schema: LearningEventSchema,
    proto: 'scorecard/source/learning/v1/learning.proto',
    owner: 'ingest',
    consumers: ['compute'],
  }),
  'scorecard.registry.changed.v1': spec({
    key: 'config id',
    schema: RegistryChangedSchema,
    proto: 'scorecard/registry/changed/v1/registry_changed.proto',
    owner: 'registry',
    consumers: ['compute', 'review'],
    compacted: true,
  }),
  'scorecard.score.computed.v1': spec({
    key: 'employee id',
    schema: ScoreComputedSchema,
    proto: 'scorecard/score/computed/v1/score_computed.proto',
    owner: 'compute',
    consumers: ['review', 'reporting'],
  }),
  'scorecard.review.changed.v1': spec({
    key: 'employee id',
    schema: ReviewChangedSchema,
    proto: 'scorecard/review/changed/v1/review_changed.proto',
    owner: 'review',
    consumers: ['reporting', 'compute'],
  }),
  'scorecard.period.finalized.v1': spec({
    key: 'period id',
    schema: PeriodFinalizedSchema,
    proto: 'scorecard/period/finalized/v1/period_finalized.proto',
    owner: 'review',
    consumers: ['compute', 'reporting', 'review'],
  }),
  'scorecard.payroll.bonus.v1': spec({
    key: 'employee id',
    schema: PayrollBonusSchema,
    proto: 'scorecard/payroll/bonus/v1/payroll_bonus.proto',
    owner: 'review',
    consumers: ['payroll systems', 'reporting'],
  }),
  'scorecard.learning.recommendation.v1': spec({
    key: 'employee id',
    schema: LearningRecommendationSchema,
    proto: 'scorecard/learning/recommendation/v1/learning_recommendation.proto',
    owner: 'review',
    consumers: ['learning systems'],
  }),
  'scorecard.notification.v1': spec({
    key: 'user id',
    schema: NotificationSchema,
    proto: 'scorecard/notification/v1/notification.proto',
    owner: 'review',
    consumers: ['notifiers'],
  }),
} as const;

export type TopicName = keyof typeof topicCatalog;
export type TopicSchema<T extends TopicName> = (typeof topicCatalog)[T]['schema'];
/** The decoded value of a topic: the generated TS shape (a plain object). */
export type TopicMessage<T extends TopicName> = MessageShape<TopicSchema<T>>;
/** What a producer passes: the same shape with every field optional and no `$typeName`. */
export type TopicMessageInit<T extends TopicName> = MessageInitShape<TopicSchema<T>>;

export const topicNames = Object.keys(topicCatalog) as TopicName[];

export const sourceDomains = [
  'hr',
  'ticketing',
  'field_service',
  'noc',
  'finance',
  'crm',
  'care',
  'learning',
] as const;
export type SourceDomain = (typeof sourceDomains)[number];
export const sourceTopic = (domain: SourceDomain) => `scorecard.source.${domain}.v1` as const;

export function isTopicName(name: string): name is TopicName {
  return Object.hasOwn(topicCatalog, name);
}

/** Tests run against shared brokers; a prefix (`TOPIC_PREFIX`) keeps their topics and subjects apart. */
export function prefixedTopic(topic: string, prefix = ''): string {
  return `${prefix}${topic}`;
}

/** The catalog topic behind a physical (possibly prefixed) topic name. */
export function logicalTopic(physical: string, prefix = ''): TopicName | undefined {
  if (!physical.startsWith(prefix)) return undefined;
  const name = physical.slice(prefix.length);
  return isTopicName(name) ? name : undefined;
}

export const valueSubject = (physicalTopic: string) => `${physicalTopic}-value`;
export const dlqTopic = (physicalTopic: string) => `${physicalTopic}.dlq`;

/** Physical names of one catalog topic under a prefix. */
export function resolveTopic(topic: TopicName, prefix = '') {
  const physical = prefixedTopic(topic, prefix);
  return {
    topic: physical,
    subject: valueSubject(physical),
    dlq: dlqTopic(physical),
    spec: topicCatalog[topic],
  };
}
