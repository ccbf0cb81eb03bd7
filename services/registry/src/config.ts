import { z } from 'zod';
import { commonEnv, databaseEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';

const schema = z.object({
  ...commonEnv,
  ...kafkaEnv,
  ...databaseEnv,
  ...portEnv(4001),
  /** Partitions for topics this service creates. */
  KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
  /** Replication factor for topics this service creates (1 on a single local broker). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /** Comma-separated tenants that receive the seed library at start (others on first request). */
  SEED_TENANTS: z
    .string()
    .default('demo')
    .transform((s) =>
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
});

export type RegistryConfig = z.output<typeof schema>;
export const loadRegistryConfig = () => loadConfig(schema);
