import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';

/** True when something accepts TCP connections on the port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Kafka is healthy when the broker serves metadata (listTopics) and both coordinators answer: a
 * group coordinator (__consumer_offsets) and a producer-id one (__transaction_state), which a fresh
 * broker creates lazily — so the first consumer group and idempotent producer start without errors.
 */
export async function kafkaHealthy(brokers: string[]): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'scorecard-stack-health',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  // kafkajs refuses an idempotent producer without retries; one is enough, the caller polls.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } });
  try {
    await admin.connect();
    await admin.listTopics();
    await admin.describeGroups(['scorecard-stack-health']);
    await producer.connect();
    return true;
  } catch {
    return false;
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]).catch(() => undefined);
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  return res.json();
}

/** Apicurio is healthy when Quarkus reports ready and the Confluent-compatible API answers. */
export async function registryHealthy(baseUrl: string, ccompatUrl: string): Promise<boolean> {
  try {
    const ready = (await getJson(`${baseUrl}/health/ready`)) as { status?: string };
    if (ready.status !== 'UP') return false;
    return Array.isArray(await getJson(`${ccompatUrl}/subjects`));
  } catch {
    return false;
  }
}

/** Polls `check` until it holds; false if `stillRunning` turns false or time runs out. */
export async function pollHealthy(
  check: () => Promise<boolean>,
  stillRunning: () => boolean,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    if (!stillRunning()) return false;
    await sleep(500);
  }
  return false;
}
