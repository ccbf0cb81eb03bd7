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

/** Kafka is healthy when an admin client can list topics (metadata served by the broker). */
export async function kafkaHealthy(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'scorecard-stack-health',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
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
