import { z } from 'zod';
import { commonEnv, databaseEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';

const schema = z.object({
  ...commonEnv,
  ...kafkaEnv,
  ...databaseEnv,
  ...portEnv(4002),
  /** Partitions for topics this service creates (source topics). */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Replication factor for topics this service creates (1 on a single local broker). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /** Largest request body; a full batch of 5,000 events fits. */
  BODY_LIMIT: z.string().default('10mb'),
});

export type IngestConfig = z.output<typeof schema>;
export const loadIngestConfig = () => loadConfig(schema);
