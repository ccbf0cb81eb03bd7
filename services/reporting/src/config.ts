import { z } from 'zod';
import { clickhouseEnv, commonEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';

const schema = z.object({
  ...commonEnv,
  ...kafkaEnv,
  ...clickhouseEnv,
  ...portEnv(4005),
  /** Partitions for topics this service creates if missing (it consumes, others produce). */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Replication factor for topics this service creates (1 on a single local broker). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /** How often changed periods' group aggregates are rebuilt (a burst of events costs one rebuild). */
  AGGREGATE_REFRESH_MS: z.coerce.number().int().positive().default(1_000),
});

export type ReportingConfig = z.output<typeof schema>;
export const loadReportingConfig = () => loadConfig(schema);
