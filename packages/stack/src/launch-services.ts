import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findRepoRoot } from './paths';

/** The six deployables in start order: producers of config and data before their consumers. */
export const SERVICE_NAMES = ['registry', 'ingest', 'compute', 'review', 'reporting', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Default local ports (DESIGN §7): gateway 4000, the others 4001–4005. */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 4000,
  registry: 4001,
  ingest: 4002,
  compute: 4003,
  review: 4004,
  reporting: 4005,
};

export interface LaunchOptions {
  /** Environment shared by every service (DATABASE_URL, KAFKA_BROKERS, …). */
  env: Record<string, string>;
  /** Per-service extra environment. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Ports to use; `'free'` picks unused ones (tests running beside `npm start`). */
  ports?: Record<ServiceName, number> | 'free';
  /** Where each service's log goes (`<dir>/<service>.log`). */
  logDir: string;
  readyTimeoutMs?: number;
  onProgress?: (message: string) => void;
  /**
   * Start only these (default: all). A benchmark of one request path leaves the rest off: on a
   * small machine their timers and Kafka fetch loops would compete with what it measures. The
   * others still get a URL (the gateway is wired to it), where nothing answers.
   */
  only?: readonly ServiceName[];
}

export interface RunningServices {
  urls: Record<ServiceName, string>;
  /** SIGTERM every service (graceful shutdown) and wait for them to exit. */
  stop(): Promise<void>;
  /** SIGKILL one service, as a crash would. */
  kill(name: ServiceName): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

async function waitReady(
  url: string,
  child: ChildProcess,
  name: string,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms; see ${logFile}`);
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * Runs the services as local Node processes (TypeScript through tsx, OpenTelemetry loaded first),
 * waits until each answers /readyz, and wires the gateway to the others.
 */
export async function launchServices(opts: LaunchOptions): Promise<RunningServices> {
  const root = findRepoRoot();
  mkdirSync(opts.logDir, { recursive: true });
  const ports = { ...DEFAULT_PORTS };
  if (opts.ports === 'free') for (const n of SERVICE_NAMES) ports[n] = await freePort();
  else if (opts.ports) Object.assign(ports, opts.ports);
  const urls = Object.fromEntries(SERVICE_NAMES.map((n) => [n, `http://127.0.0.1:${ports[n]}`])) as Record<
    ServiceName,
    string
  >;
  const upstreams = {
    REGISTRY_URL: urls.registry,
    INGEST_URL: urls.ingest,
    COMPUTE_URL: urls.compute,
    REVIEW_URL: urls.review,
    REPORTING_URL: urls.reporting,
  };
  const children = new Map<ServiceName, ChildProcess>();
  const stopAll = async (signal: NodeJS.Signals) => {
    const all = [...children.values()];
    for (const c of all) if (c.exitCode === null) c.kill(signal);
    await Promise.all(all.map(exited));
  };

  try {
    for (const name of SERVICE_NAMES.filter((n) => opts.only?.includes(n) ?? true)) {
      const logFile = join(opts.logDir, `${name}.log`);
      const log = createWriteStream(logFile, { flags: 'a' });
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--import', './src/instrumentation.ts', 'src/main.ts'],
        {
          cwd: join(root, 'services', name),
          env: {
            ...process.env,
            ...opts.env,
            ...upstreams,
            ...(opts.serviceEnv?.[name] ?? {}),
            PORT: String(ports[name]),
            OTEL_SERVICE_NAME: name,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      children.set(name, child);
      opts.onProgress?.(`starting ${name} on ${urls[name]}`);
      await waitReady(urls[name], child, name, opts.readyTimeoutMs ?? 60_000, logFile);
      opts.onProgress?.(`${name} ready`);
    }
  } catch (err) {
    await stopAll('SIGKILL');
    throw err;
  }

  return {
    urls,
    stop: () => stopAll('SIGTERM'),
    kill: async (name) => {
      const c = children.get(name);
      if (c && c.exitCode === null) {
        c.kill('SIGKILL');
        await exited(c);
      }
    },
  };
}

/** The environment that points services at a running stack. */
export function endpointsEnv(up: {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  databaseUrl: string;
  clickhouse: { kind: 'url'; url: string } | { kind: 'chdb'; path: string };
}): Record<string, string> {
  return {
    KAFKA_BROKERS: up.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: up.schemaRegistryUrl,
    DATABASE_URL: up.databaseUrl,
    ...(up.clickhouse.kind === 'url'
      ? { CLICKHOUSE_URL: up.clickhouse.url }
      : { CHDB_PATH: up.clickhouse.path }),
  };
}
