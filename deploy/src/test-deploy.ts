// `npm run test:deploy`: the chart's rendered manifests, run with podman on this machine against the local
// Kafka, schema registry and Postgres, and driven through the containerized gateway as production would be:
//
//   1. builds the six images (`npm run images`; cached layers make a repeat cheap);
//   2. renders charts/scorecard with deploy/podman/values.yaml and adapts it (src/kube-play.ts);
//   3. runs the migrations Jobs to completion, then `podman kube play`s ConfigMaps, the chdb volume and the
//      six Deployments, and waits for every liveness and readiness probe;
//   4. smoke scenario through the gateway with RS256 tokens from a throwaway issuer (dev tokens are off):
//      a generated tenant's events in, a period opened, a computed result and a heatmap read back;
//   5. stops the pods with SIGTERM and expects every service to exit 0 (graceful drain);
//   6. removes pods, volume and database, whatever happened.
//
// Infrastructure: KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL when set, else this checkout's local
// stack (started here, and stopped at the end, when it is not running). SKIP_IMAGES=1 uses built images.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { generateTenant, type Person } from '@scorecard/generator';
import { dropDatabase, stackDown, stackStatus, stackUp, withDatabase } from '@scorecard/stack';
import { repoRoot, serviceNames } from './dockerfiles';
import { helm } from './helm';
import { buildImages, imagePrefix, imageTag } from './images';
import { parseManifests, type K8sObject } from './k8s-validate';
import { planForPodman, type ServiceProbe } from './kube-play';
import { assertPodmanWorks, podman, podmanOk } from './podman';

const RELEASE = 'sc-deploy';
const TENANT = 'deploy-smoke';
const PERIOD = 'monthly:2026-09';
const READY_WITHIN_MS = 300_000;

const log = (line: string) => process.stdout.write(`test:deploy: ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Infrastructure {
  kafkaBrokers: string;
  schemaRegistryUrl: string;
  databaseUrl: string;
  stop?: () => Promise<void>;
}

async function infrastructure(): Promise<Infrastructure> {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL } = process.env;
  if (KAFKA_BROKERS && SCHEMA_REGISTRY_URL && DATABASE_URL)
    return { kafkaBrokers: KAFKA_BROKERS, schemaRegistryUrl: SCHEMA_REGISTRY_URL, databaseUrl: DATABASE_URL };
  const status = await stackStatus();
  const endpoints = status.healthy ? status.endpoints : await stackUp({ log });
  return {
    kafkaBrokers: KAFKA_BROKERS ?? endpoints.kafkaBrokers.join(','),
    schemaRegistryUrl: SCHEMA_REGISTRY_URL ?? endpoints.schemaRegistryUrl,
    databaseUrl: DATABASE_URL ?? endpoints.databaseUrl,
    ...(status.healthy ? {} : { stop: () => stackDown({ log }) }),
  };
}

/** An OIDC issuer in miniature: a JWKS on 127.0.0.1 and RS256 tokens signed with its key. */
interface Issuer {
  url: string;
  token(claims: { sub: string; roles: string[]; employee_id?: string }): string;
  close(): Promise<void>;
}

async function startIssuer(audience: string): Promise<Issuer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  const server: Server = createServer((req, res) => {
    const found = req.url === '/.well-known/jwks.json';
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(found ? JSON.stringify(jwks) : '{}');
  });
  // All interfaces: the gateway runs in the host's network namespace, so 127.0.0.1 reaches it.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signWith = (key: KeyObject, input: string) =>
    sign('sha256', Buffer.from(input), key).toString('base64url');
  return {
    url,
    token: (claims) => {
      const now = Math.floor(Date.now() / 1000);
      const head = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({
        ...claims,
        tenant_id: TENANT,
        iss: url,
        aud: audience,
        iat: now,
        exp: now + 3600,
      })}`;
      return `${head}.${signWith(privateKey, head)}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Removes every pod and volume of this release (also what a crashed earlier run left). podman 4.3 turns
 * an emptyDir into a named volume called after it (`tmp`), so those names are removed too.
 */
async function removeRelease(emptyDirs: readonly string[] = ['tmp']): Promise<void> {
  const pods = await podman(['pod', 'ps', '--format', '{{.Name}}']);
  const names = pods.stdout.split('\n').filter((n) => n.startsWith(`${RELEASE}-`));
  if (names.length > 0) await podman(['pod', 'rm', '--force', '--time', '5', ...names]);
  const volumes = await podman(['volume', 'ls', '--format', '{{.Name}}']);
  for (const v of volumes.stdout.split('\n'))
    if (v.startsWith(`${RELEASE}-`) || emptyDirs.includes(v)) await podman(['volume', 'rm', '--force', v]);
}

async function containersOf(pod: string): Promise<{ name: string; state: string; exitCode: number }[]> {
  const out = await podmanOk([
    'ps',
    '-a',
    '--filter',
    `pod=${pod}`,
    '--format',
    '{{.Names}}\t{{.State}}\t{{.ExitCode}}\t{{.IsInfra}}',
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .filter(([, , , infra]) => infra !== 'true')
    .map(([name = '', state = '', code = '0']) => ({ name, state, exitCode: Number(code) }));
}

const logsOf = async (container: string) => {
  const r = await podman(['logs', '--tail', '40', container]);
  return r.stdout + r.stderr;
};

function playFile(dir: string, name: string, objs: K8sObject[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, objs.map((o) => `---\n${stringify(o)}`).join(''));
  return file;
}

/** Each migrations Job as a Pod, one after the other, each to exit 0. */
async function runMigrations(dir: string, jobs: K8sObject[]): Promise<void> {
  for (const job of jobs) {
    const started = Date.now();
    const file = playFile(dir, job.metadata.name, [job]);
    await podmanOk(['kube', 'play', file]);
    const [c] = await containersOf(job.metadata.name);
    if (!c) throw new Error(`${job.metadata.name}: kube play started no container`);
    const code = Number((await podmanOk(['wait', c.name])).trim());
    const logs = await logsOf(c.name);
    await podman(['kube', 'down', file]);
    if (code !== 0) throw new Error(`migrations Job ${job.metadata.name} exited ${code}:\n${logs}`);
    log(`${job.metadata.name}: exit 0 in ${seconds(Date.now() - started)}`);
  }
}

/** Whether `url` answers 2xx (or, with `anyAnswer`, answers at all). */
async function httpOk(url: string, anyAnswer = false): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return anyAnswer || res.ok;
  } catch {
    return false;
  }
}

/** Polls each Deployment's probes as the kubelet would; returns the seconds to live and to ready. */
async function waitForProbes(
  probes: ServiceProbe[],
  since: number,
): Promise<Map<string, { live: number; ready: number }>> {
  const times = new Map<string, { live: number; ready: number }>();
  const live = new Map<string, number>();
  const deadline = Date.now() + READY_WITHIN_MS;
  let pending = probes;
  while (pending.length > 0 && Date.now() < deadline) {
    await Promise.all(
      pending.map(async (p) => {
        if (!live.has(p.deployment) && (await httpOk(`http://127.0.0.1:${p.port}${p.liveness}`)))
          live.set(p.deployment, Date.now() - since);
        if (live.has(p.deployment) && (await httpOk(`http://127.0.0.1:${p.port}${p.readiness}`)))
          times.set(p.deployment, { live: live.get(p.deployment) ?? 0, ready: Date.now() - since });
      }),
    );
    pending = pending.filter((p) => !times.has(p.deployment));
    // One `podman ps` a round (it is slow on a busy machine): a service that exited will not turn ready.
    const exited = (await podmanOk(['ps', '-a', '--filter', 'status=exited', '--format', '{{.Names}}']))
      .split('\n')
      .filter((n) => pending.some((p) => n.startsWith(`${p.deployment}-pod-0-`)));
    if (exited[0]) throw new Error(`${exited[0]} exited before ready:\n${await logsOf(exited[0])}`);
    await sleep(250);
  }
  if (pending.length > 0) {
    const details = await Promise.all(
      pending.map(
        async (p) =>
          `${p.deployment}:\n${await logsOf(`${p.deployment}-pod-0-${p.deployment.split('-').pop() ?? ''}`)}`,
      ),
    );
    throw new Error(
      `not ready within ${seconds(READY_WITHIN_MS)}: ${pending.map((p) => p.deployment).join(', ')}\n${details.join('\n')}`,
    );
  }
  return times;
}

async function call<T>(
  gateway: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${gateway}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}`);
    await sleep(1_000);
  }
}

/** Ingest → compute → result → heatmap, through the gateway only, with production-style tokens. */
async function smoke(gateway: string, issuer: Issuer): Promise<void> {
  const started = Date.now();
  const devToken = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'x', roles: ['admin'], tenant_id: TENANT }),
  });
  if (devToken.status !== 404)
    throw new Error(`dev tokens answer ${devToken.status}; expected 404 in oidc mode`);
  const forged = await fetch(`${gateway}/api/v1/performance/periods`, {
    headers: { authorization: `Bearer ${issuer.token({ sub: 'x', roles: ['hr'] }).slice(0, -4)}AAAA` },
  });
  if (forged.status !== 401)
    throw new Error(`a token with a bad signature got ${forged.status}; expected 401`);

  const admin = issuer.token({ sub: 'deploy-admin', roles: ['admin'] });
  const hr = issuer.token({ sub: 'deploy-hr', roles: ['hr'] });
  const tenant = generateTenant({ employees: 40, months: 1, seed: 4, start: '2026-09-01' });
  for (let i = 0; i < tenant.events.length; i += 5_000) {
    const r = await call<{ accepted: number }>(gateway, admin, 'POST', '/api/v1/ingest/events', {
      events: tenant.events.slice(i, i + 5_000),
    });
    if (r.status !== 202) throw new Error(`ingest answered ${r.status}: ${JSON.stringify(r.body)}`);
  }
  log(`ingested ${tenant.events.length} events`);
  for (const start of ['2026-09-01']) {
    const r = await call(gateway, hr, 'POST', '/api/v1/performance/periods', { frequency: 'monthly', start });
    if (r.status !== 200 && r.status !== 201) throw new Error(`open period ${start}: ${r.status}`);
  }
  const agent = tenant.people.find(
    (p: Person) => p.roleGroup === 'helpdesk_agents' && p.exitedMs === undefined && p.transfer === undefined,
  );
  if (!agent) throw new Error('the generated tenant has no steady helpdesk agent');
  const result = await until(`${agent.id}'s computed result`, 180_000, async () => {
    const r = await call<{ total_score: number | null }>(
      gateway,
      hr,
      'GET',
      `/api/v1/performance/results?period_id=${PERIOD}&employee_id=${agent.id}`,
    );
    return r.status === 200 && typeof r.body.total_score === 'number' ? r.body : undefined;
  });
  log(`result: ${agent.id} scored ${result.total_score} for ${PERIOD}`);
  const heatmap = await until('a heatmap with cells', 120_000, async () => {
    const r = await call<{ cells: unknown[]; hidden_cells: number }>(
      gateway,
      hr,
      'GET',
      '/api/v1/reports/heatmap?rows=role_group&cols=period',
    );
    return r.status === 200 && r.body.cells.length > 0 ? r.body : undefined;
  });
  log(
    `heatmap: ${heatmap.cells.length} cells (${heatmap.hidden_cells} hidden); smoke in ${seconds(Date.now() - started)}`,
  );
}

/** SIGTERM to every service (podman pod stop); each must drain and exit 0 within the grace period. */
async function stopGracefully(pods: string[]): Promise<void> {
  const started = Date.now();
  await podman(['pod', 'stop', '--time', '30', ...pods]);
  const bad: string[] = [];
  for (const pod of pods)
    for (const c of await containersOf(pod)) if (c.exitCode !== 0) bad.push(`${c.name} exited ${c.exitCode}`);
  if (bad.length > 0) throw new Error(`not a graceful shutdown: ${bad.join('; ')}`);
  log(`SIGTERM: all ${pods.length} services exited 0 in ${seconds(Date.now() - started)}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  await assertPodmanWorks();
  if (process.env.SKIP_IMAGES !== '1') await buildImages();
  log(`images ready after ${seconds(Date.now() - started)}`);

  const dir = mkdtempSync(join(tmpdir(), 'scorecard-deploy-'));
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `scorecard_deploy_${suffix}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => log(`cleanup: ${String(err)}`));
      rmSync(dir, { recursive: true, force: true });
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log(`${signal}: tearing down`);
      void cleanup().then(() => process.exit(130));
    });

  try {
    await removeRelease();
    cleanups.push(removeRelease);
    const infra = await infrastructure();
    if (infra.stop) cleanups.push(infra.stop);
    const databaseUrl = withDatabase(infra.databaseUrl, database);
    cleanups.push(() => dropDatabase(infra.databaseUrl, database));
    const issuer = await startIssuer('scorecard');
    cleanups.push(() => issuer.close());

    const rendered = await helm([
      'template',
      RELEASE,
      join(repoRoot, 'charts', 'scorecard'),
      '-f',
      join(repoRoot, 'deploy', 'podman', 'values.yaml'),
      '--set',
      `image.registry=${imagePrefix()}`,
      '--set',
      `image.tag=${imageTag()}`,
      '--set-json',
      `kafka.brokers=${JSON.stringify(infra.kafkaBrokers.split(','))}`,
      '--set-string',
      `schemaRegistry.url=${infra.schemaRegistryUrl}`,
      '--set-string',
      `postgres.url=${databaseUrl}`,
      '--set-string',
      `env.topicPrefix=deploy-${suffix}.`,
      '--set-string',
      `auth.oidc.issuer=${issuer.url}`,
      '--set-string',
      `services.registry.env.SEED_TENANTS=${TENANT}`,
    ]);
    if (rendered.code !== 0) throw new Error(`helm template failed: ${rendered.stderr}`);
    const plan = planForPodman(parseManifests(rendered.stdout));
    for (const s of plan.skipped) log(`not played: ${s}`);
    // The pods listen on the host's ports: a service already there would answer the probes instead.
    const taken = (
      await Promise.all(
        plan.probes.map(async (p) =>
          (await httpOk(`http://127.0.0.1:${p.port}/healthz`, true)) ? p.port : 0,
        ),
      )
    ).filter(Boolean);
    if (taken.length > 0)
      throw new Error(`ports ${taken.join(', ')} are in use on this host (npm start running?)`);

    await runMigrations(dir, plan.migrations);
    const workloads = playFile(dir, 'workloads', plan.workloads);
    const played = Date.now();
    await podmanOk(['kube', 'play', workloads]);
    const times = await waitForProbes(plan.probes, played);
    for (const [name, t] of times)
      log(`${name}: live after ${seconds(t.live)}, ready after ${seconds(t.ready)}`);

    const gateway = plan.probes.find((p) => p.deployment.endsWith('-gateway'));
    if (!gateway) throw new Error('no gateway Deployment rendered');
    await smoke(`http://127.0.0.1:${gateway.port}`, issuer);
    // Memory after the smoke batch: the figures docs/operations.md sizes requests and limits from.
    const stats = await podman(['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}\t{{.CPU}}']);
    for (const line of stats.stdout.split('\n').filter((l) => l.startsWith(RELEASE))) log(`stats: ${line}`);
    await stopGracefully(plan.probes.map((p) => `${p.deployment}-pod-0`));
    if (plan.probes.length !== serviceNames.length) throw new Error(`${plan.probes.length} services ran`);
    log(`passed in ${seconds(Date.now() - started)}`);
  } finally {
    await cleanup();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`test:deploy: FAILED: ${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
