import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Component } from './components';
import { components } from './components';
import type { StackConfig } from './config';
import { loadStackConfig } from './config';
import { pollHealthy, portInUse } from './health';
import { kafkaBrokers } from './kafka-process';
import { stackPaths } from './paths';
import { ensureDatabase } from '@scorecard/db';
import { dropDatabase, withDatabase } from './postgres';
import { isAlive, runningPid, stopProcess, tailLog } from './process';
import { schemaRegistryUrl } from './registry-process';

export type ClickhouseTarget = { kind: 'url'; url: string } | { kind: 'chdb'; path: string };

/** Where the running stack answers. */
export interface StackEndpoints {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  databaseUrl: string;
  clickhouse: ClickhouseTarget;
}

export interface StackOptions {
  /** Environment to read ports and URLs from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

const defaultLog = (line: string): void => void process.stderr.write(`${line}\n`);

/** The config the stack was last started with, if any. */
function savedConfig(stackDir: string): Partial<StackConfig> {
  const state = stackPaths(stackDir).state;
  return existsSync(state) ? (JSON.parse(readFileSync(state, 'utf8')) as Partial<StackConfig>) : {};
}

/**
 * Env first, then the last run's settings: a plain `stack up`/`status`/`down` after
 * `KAFKA_PORT=19092 stack up` keeps talking to 19092.
 */
function resolve(opts: StackOptions): {
  cfg: StackConfig;
  saved: Partial<StackConfig>;
  log: (line: string) => void;
} {
  const saved = savedConfig(loadStackConfig(opts.env).stackDir);
  return { cfg: loadStackConfig(opts.env, saved), saved, log: opts.log ?? defaultLog };
}

// Settings the running JVMs depend on; changing one means restarting them.
const PROCESS_SETTINGS = [
  'kafkaPort',
  'kafkaControllerPort',
  'registryPort',
  'databaseUrl',
  'registryDatabase',
] as const;

function endpoints(cfg: StackConfig): StackEndpoints {
  return {
    kafkaBrokers: kafkaBrokers(cfg),
    schemaRegistryUrl: schemaRegistryUrl(cfg),
    databaseUrl: cfg.databaseUrl,
    clickhouse:
      cfg.clickhouseUrl === undefined
        ? { kind: 'chdb', path: stackPaths(cfg.stackDir).chdb }
        : { kind: 'url', url: cfg.clickhouseUrl },
  };
}

const waitHealthy = (c: Component, pid: number): Promise<boolean> =>
  pollHealthy(
    () => c.healthy(),
    () => isAlive(pid),
    c.startTimeoutMs,
  );

async function ensureRunning(c: Component, log: (line: string) => void): Promise<void> {
  const pid = runningPid(c.process);
  if (pid !== undefined) {
    // Either healthy already (no-op) or still starting from an earlier `up`.
    if (!(await c.healthy())) log(`${c.name}: pid ${pid} is running; waiting for health`);
    if (await waitHealthy(c, pid)) {
      log(`${c.name}: running (pid ${pid}) at ${c.url}`);
      return;
    }
    log(`${c.name}: pid ${pid} is not healthy; restarting`);
    await stopProcess(c.process);
  }
  const busy = (await Promise.all(c.ports.map(async (p) => ((await portInUse(p.port)) ? [p] : [])))).flat();
  if (busy.length > 0) {
    // Another checkout's stack (or a hand-started one) on our ports: use it if it is healthy.
    if (await c.healthy()) {
      log(`${c.name}: a process this stack did not start already answers at ${c.url}; using it`);
      return;
    }
    const names = busy.map((p) => `${p.port} (${p.env})`).join(', ');
    throw new Error(
      `${c.name}: port ${names} is in use by a process this stack did not start; set another port`,
    );
  }
  if (await c.install((line) => log(`${c.name}: ${line}`))) log(`${c.name}: downloaded`);
  const started = Date.now();
  const newPid = await c.start();
  log(`${c.name}: started pid ${newPid}, waiting for health`);
  if (!(await waitHealthy(c, newPid))) {
    const how = isAlive(newPid) ? 'did not become healthy' : 'exited';
    throw new Error(`${c.name} ${how} (log ${c.process.logFile}):\n${tailLog(c.process.logFile)}`);
  }
  log(`${c.name}: healthy at ${c.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Starts whatever is not running and healthy (idempotent) and returns the endpoints. */
export async function stackUp(opts: StackOptions = {}): Promise<StackEndpoints> {
  const { cfg, saved, log } = resolve(opts);
  const paths = stackPaths(cfg.stackDir);
  mkdirSync(paths.logs, { recursive: true });
  try {
    await ensureDatabase(cfg.databaseUrl);
    await ensureDatabase(withDatabase(cfg.databaseUrl, cfg.registryDatabase));
  } catch (err) {
    throw new Error(`postgres: cannot reach ${cfg.databaseUrl} (${(err as Error).message})`);
  }
  log(`postgres: ready at ${cfg.databaseUrl}`);
  const list = components(cfg, paths);
  if (PROCESS_SETTINGS.some((key) => saved[key] !== undefined && saved[key] !== cfg[key])) {
    // Running processes listen on the old ports or use the old database: restart them.
    for (const c of list) if (await stopProcess(c.process)) log(`${c.name}: configuration changed; stopped`);
  }
  // The state is written before starting so `status`/`down` find these ports even if up fails.
  writeFileSync(paths.state, JSON.stringify(cfg, null, 2));
  const results = await Promise.allSettled(list.map((c) => ensureRunning(c, log)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) throw new Error(failed.map((r) => (r.reason as Error).message).join('\n\n'));
  const stack = endpoints(cfg);
  if (stack.clickhouse.kind === 'chdb') mkdirSync(stack.clickhouse.path, { recursive: true });
  log(
    `clickhouse: ${stack.clickhouse.kind === 'chdb' ? `embedded chdb at ${stack.clickhouse.path}` : stack.clickhouse.url}`,
  );
  return stack;
}

/** Stops the JVMs (SIGTERM, then SIGKILL); `purge` also deletes their data but keeps downloads. */
export async function stackDown(opts: StackOptions & { purge?: boolean } = {}): Promise<void> {
  const { cfg, log } = resolve(opts);
  const paths = stackPaths(cfg.stackDir);
  await Promise.all(
    components(cfg, paths).map(async (c) =>
      log(`${c.name}: ${(await stopProcess(c.process)) ? 'stopped' : 'not running'}`),
    ),
  );
  if (!opts.purge) return;
  for (const dir of [paths.kafkaData, paths.chdb, paths.logs, paths.state])
    rmSync(dir, { recursive: true, force: true });
  await dropDatabase(cfg.databaseUrl, cfg.registryDatabase);
  log(`purged Kafka data, chdb data, logs and database ${cfg.registryDatabase}`);
}

export interface ComponentStatus {
  name: string;
  pid: number | undefined;
  healthy: boolean;
  url: string;
}

export interface StackStatus {
  components: ComponentStatus[];
  endpoints: StackEndpoints;
  /** Every component runs and answers its health check. */
  healthy: boolean;
}

export async function stackStatus(opts: StackOptions = {}): Promise<StackStatus> {
  const { cfg } = resolve(opts);
  const list = await Promise.all(
    components(cfg, stackPaths(cfg.stackDir)).map(async (c) => {
      const pid = runningPid(c.process);
      // Healthy without a pid: a process this stack did not start serves the port (see ensureRunning).
      return { name: c.name, pid, healthy: await c.healthy(), url: c.url };
    }),
  );
  return { components: list, endpoints: endpoints(cfg), healthy: list.every((c) => c.healthy) };
}
