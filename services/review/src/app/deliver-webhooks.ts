import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';

export interface WebhookSettings {
  /** HMAC-SHA256 key; the signature header is `X-Scorecard-Signature: sha256=<hex>` over `<timestamp>.<body>`. */
  secret: string;
  timeoutMs: number;
  maxAttempts: number;
}

/** The signature receivers check: HMAC-SHA256 over `<timestamp>.<body>` (the timestamp stops replays). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Sends pending webhook deliveries (written in the finalization's transaction) one batch at a
 * time, each row locked so replicas never send it twice at once; failures are retried on the next
 * pass up to maxAttempts. Returns how many were delivered.
 */
export async function deliverWebhooks(ds: DataSource, s: WebhookSettings, batch = 20): Promise<number> {
  return inTransaction(ds, async (em) => {
    const rows = await em.query<
      { id: string; url: string; event: string; body: unknown; attempts: number }[]
    >(
      `SELECT id::text, url, event, body, attempts FROM webhook_deliveries
        WHERE delivered_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [s.maxAttempts, batch],
    );
    let delivered = 0;
    for (const row of rows) {
      const body = JSON.stringify(row.body);
      const timestamp = String(Math.floor(Date.now() / 1000));
      let error: string | null = null;
      try {
        const res = await fetch(row.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-scorecard-event': row.event,
            'x-scorecard-delivery': row.id,
            'x-scorecard-timestamp': timestamp,
            'x-scorecard-signature': signWebhook(s.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(s.timeoutMs),
        });
        if (!res.ok) error = `HTTP ${res.status}`;
      } catch (err) {
        error = (err as Error).message;
      }
      await em.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $2,
            delivered_at = CASE WHEN $2::text IS NULL THEN now() END WHERE id = $1`,
        [row.id, error],
      );
      if (error === null) delivered += 1;
    }
    return delivered;
  });
}
