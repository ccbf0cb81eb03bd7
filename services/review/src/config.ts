import { z } from 'zod';
import { commonEnv, databaseEnv, kafkaEnv, loadConfig, portEnv } from '@scorecard/config';

const schema = z
  .object({
    ...commonEnv,
    ...kafkaEnv,
    ...databaseEnv,
    ...portEnv(4004),
    /** Partitions for topics this service creates. */
    KAFKA_PARTITIONS: z.coerce.number().int().positive().default(6),
    /** Replication factor for topics this service creates (1 on a single local broker). */
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
    /** Comma-separated URLs told about every finalization (signed POSTs); empty disables webhooks. */
    REVIEW_WEBHOOK_URLS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().url())),
    /** HMAC-SHA256 key for outgoing webhook signatures (required when webhook URLs are set). */
    REVIEW_WEBHOOK_SECRET: z.string().default(''),
    /** How often pending webhook deliveries are sent (ms). */
    REVIEW_WEBHOOK_INTERVAL_MS: z.coerce.number().int().positive().default(2000),
  })
  .refine((c) => c.REVIEW_WEBHOOK_URLS.length === 0 || c.REVIEW_WEBHOOK_SECRET.length >= 16, {
    path: ['REVIEW_WEBHOOK_SECRET'],
    message: 'set a secret of at least 16 characters when REVIEW_WEBHOOK_URLS is set',
  });

export type ReviewConfig = z.output<typeof schema>;
export const loadReviewConfig = () => loadConfig(schema);
