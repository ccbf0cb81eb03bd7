import type { Admin } from 'kafkajs';
import type { KafkaClient } from './kafka-client';
import { rawKafka } from './kafka-client';

export interface ClusterHealth {
  /** Resolves when a broker answers a metadata request within the timeout; rejects otherwise. */
  check(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A readiness probe for the cluster: one long-lived admin connection asked for the cluster's
 * brokers. A service is not ready while the brokers it produces to or consumes from are gone.
 */
export function clusterHealth(kafka: KafkaClient): ClusterHealth {
  let admin: Admin | undefined;
  let connecting: Promise<Admin> | undefined;
  const connected = (): Promise<Admin> => {
    connecting ??= (async () => {
      const a = rawKafka(kafka).admin();
      await a.connect();
      admin = a;
      return a;
    })().catch((err: unknown) => {
      connecting = undefined;
      throw err;
    });
    return connecting;
  };
  return {
    async check(timeoutMs = 3_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no Kafka broker answered within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        const cluster = await Promise.race([connected().then((a) => a.describeCluster()), timeout]);
        if (cluster.brokers.length === 0) throw new Error('the Kafka cluster reports no brokers');
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await admin?.disconnect();
    },
  };
}
