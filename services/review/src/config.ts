import { z } from 'zod';
import { commonEnv, databaseEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';

const schema = z.object({
  ...commonEnv,
  ...kafkaEnv,
  ...databaseEnv,
  ...portEnv(4004),
  /** Partitions for topics this service creates. */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Replication factor for topics this service creates (1 on a single local broker). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
});

export type ReviewConfig = z.output<typeof schema>;
export const loadReviewConfig = () => loadConfig(schema);
