// `npm run bench -- ingest`: sustained events/s from HTTP batches of 5,000 canonical events into
// Kafka (validation, dedupe claims in Postgres, Protobuf through the registry, acks=all), against
// the raw kafkajs producer sending equally sized messages to the same broker in the same run.
// The ingest service runs as its own process (as deployed) on a fresh database
// `scorecard_bench_ingest` and a throwaway topic prefix; both are removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel, type Message } from 'kafkajs';
import { buildSourceEvent, createSerde, ingestEventSchema, sourceTopic } from '@scorecard/contracts';
import { createDataSource } from '@scorecard/db';
import { generateTenant, type GeneratedEvent } from '@scorecard/generator';
import { reportBench } from '@scorecard/testkit';

const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const BROKERS = env('KAFKA_BROKERS', '127.0.0.1:9092').split(',');
const REGISTRY = env('SCHEMA_REGISTRY_URL', 'http://127.0.0.1:8081/apis/ccompat/v7');
const SERVER = env('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/scorecard');
const SECONDS = Number(env('BENCH_SECONDS', '20'));
const BATCH = 5_000;
const IN_FLIGHT = Number(env('BENCH_IN_FLIGHT', '4'));
const PARTITIONS = 6;
const DB = 'scorecard_bench_ingest';
const PREFIX = `bench-${randomUUID().slice(0, 8)}.`;
// Extra node flags for the service process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (not
// allowed in NODE_OPTIONS).
const SERVICE_NODE_ARGS = env('BENCH_SERVICE_NODE_ARGS', '').split(' ').filter(Boolean);

const log = (msg: string) => console.error(msg);

async function adminSql(sql: string) {
  const url = new URL(SERVER);
  url.pathname = '/postgres';
  const c = await createDataSource({
    url: url.toString(),
    schema: 'public',
    applicationName: 'bench-admin',
  }).initialize();
  try {
    await c.query(sql);
  } finally {
    await c.destroy();
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function startIngest(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const dbUrl = new URL(SERVER);
  dbUrl.pathname = `/${DB}`;
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(
    process.execPath,
    [...SERVICE_NODE_ARGS, '--import', 'tsx', join(__dirname, '..', 'src', 'main.ts')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: dbUrl.toString(),
        KAFKA_BROKERS: BROKERS.join(','),
        SCHEMA_REGISTRY_URL: REGISTRY,
        TOPIC_PREFIX: PREFIX,
        KAFKA_PARTITIONS: String(PARTITIONS),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('ingest exited during start');
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('ingest did not become ready');
}

/** Round `r` of the generated events under fresh ids, so every batch is new work (no duplicates). */
function batchBody(events: readonly GeneratedEvent[], round: number, from: number): string {
  const slice = events.slice(from, from + BATCH).map((e) => ({ ...e, id: `${e.id}~${round}` }));
  return JSON.stringify({ events: slice });
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process used so far, from /proc; 0 where there is none. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}
const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Runs `work` with `IN_FLIGHT` workers for `SECONDS`; returns units done per second. */
async function sustained(work: (i: number) => Promise<number>): Promise<number> {
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      // Not `done += await work()`: that reads `done` before the await and writes it back after,
      // so with several workers in flight every concurrent completion but one was lost (the old
      // 4-in-flight figures, ingest and baseline alike, were about a quarter of the real rate).
      while (Date.now() < until) {
        const n = await work(next++);
        done += n;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

async function main() {
  await adminSql(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  const tenant = generateTenant({ employees: 120, months: 1, seed: 1, start: '2026-10-01' }).events.filter(
    (e) => e.source !== 'hr',
  );
  const events = tenant.slice(0, Math.floor(tenant.length / BATCH) * BATCH);
  log(
    `${events.length} generated events, replayed under fresh ids; ${SECONDS} s per side, ${IN_FLIGHT} batches in flight`,
  );
  const { url, child } = await startIngest();
  const kafka = new Kafka({ clientId: 'bench', brokers: BROKERS, logLevel: logLevel.NOTHING });
  try {
    const headers = {
      'content-type': 'application/json',
      'x-scorecard-tenant': 'bench',
      'x-scorecard-subject': 'bench',
      'x-scorecard-roles': 'admin',
    };
    // Request bodies are built before the clock starts: the figure is the service's, not the
    // client's JSON.stringify sharing the same two cores.
    const batches = events.length / BATCH;
    const bodies = Array.from({ length: Math.ceil((SECONDS * 30_000) / BATCH) + 1 }, (_, i) =>
      batchBody(events, Math.floor(i / batches), (i % batches) * BATCH),
    );
    const post = async (i: number) => {
      const body = bodies[i] ?? batchBody(events, Math.floor(i / batches), (i % batches) * BATCH);
      const res = await fetch(`${url}/api/v1/ingest/events`, { method: 'POST', headers, body });
      const out = (await res.json()) as { accepted: number };
      if (res.status !== 202 || out.accepted !== BATCH)
        throw new Error(`ingest answered ${res.status}: ${JSON.stringify(out).slice(0, 300)}`);
      return out.accepted;
    };
    await post(bodies.length + 1_000_000); // warm-up: topics, schema ids, connections
    // CPU per 5,000 events, by process: what the figure costs where (the machine is shared).
    let before = { service: cpuSecondsOf(child.pid), client: ownCpuSeconds() };
    let sent = 0;
    const ingestRate = await sustained(async (i) => {
      const n = await post(i);
      sent += n;
      return n;
    });
    const cpuPerBatch = (s: number) => Math.round((s / sent) * BATCH * 1000);
    const ingestCpu = `service ${cpuPerBatch(cpuSecondsOf(child.pid) - before.service)} ms, client ${cpuPerBatch(ownCpuSeconds() - before.client)} ms`;

    // Baseline: the same events as Protobuf envelopes (the bytes ingest produces) with the same
    // headers (event-id, occurred-at, producer, tenant-id: what ingest sends outside a trace),
    // straight from an idempotent kafkajs producer with the same partitioner and acks=all, one
    // sendBatch per 5,000 spread over one topic per source with the same partitions as ingest's,
    // keyed by entity id.
    const serde = createSerde({ registryUrl: REGISTRY, topicPrefix: PREFIX });
    const encoded = await Promise.all(
      events.slice(0, BATCH * 4).map(async (e, i) => {
        const rec = buildSourceEvent({
          tenantId: 'bench',
          eventId: randomUUID(),
          ingestedAt: new Date().toISOString(),
          event: ingestEventSchema.parse({ ...e, id: `${e.id}~b` }),
        });
        return {
          topic: `${PREFIX}baseline.${rec.message.source}`,
          key: `${rec.key}~${i}`,
          value: await serde.encode(rec.topic, rec.message),
        };
      }),
    );
    const bytes = encoded.reduce((s, m) => s + m.value.length, 0) / encoded.length;
    const topics = [...new Set(encoded.map((m) => m.topic))];
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
    });
    await admin.disconnect();
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const send = async (i: number) => {
      const chunk = encoded.slice((i % 4) * BATCH, ((i % 4) + 1) * BATCH);
      const byTopic = new Map<string, Message[]>(topics.map((t) => [t, []]));
      const occurredAt = new Date().toISOString();
      for (const m of chunk)
        byTopic.get(m.topic)?.push({
          key: m.key,
          value: m.value,
          headers: {
            'event-id': randomUUID(),
            'occurred-at': occurredAt,
            producer: 'ingest',
            'tenant-id': 'bench',
          },
        });
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      return chunk.length;
    };
    await send(0);
    before = { service: 0, client: ownCpuSeconds() };
    sent = 0;
    const rawRate = await sustained(async (i) => {
      const n = await send(i);
      sent += n;
      return n;
    });
    const rawCpu = `client ${cpuPerBatch(ownCpuSeconds() - before.client)} ms`;
    await producer.disconnect();
    log(
      `ingest ${Math.round(ingestRate)} events/s over HTTP (CPU per 5,000: ${ingestCpu}); raw kafkajs ${Math.round(rawRate)} messages/s (${Math.round(bytes)} B each; CPU per 5,000: ${rawCpu}); topic ${sourceTopic('ticketing')} et al. under ${PREFIX}`,
    );
    reportBench({
      name: 'ingest',
      value: Math.round(ingestRate),
      unit: 'events/s',
      baseline: { value: Math.round(rawRate) },
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const admin = kafka.admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(PREFIX));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
    await admin.disconnect();
    await adminSql(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
