import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  /**
   * Restart a service that exits on its own (a crash, an OOM kill), as Kubernetes would: after
   * 1 s, doubling per consecutive failure up to 30 s, the count reset once it ran for a minute.
   * Each restart is logged through `onProgress`, and `<logDir>/services.json` records pids and
   * restarts for `scorecard stack status`.
   */
  supervise?: boolean;
}

/** One service as `<logDir>/services.json` records it. */
export interface ServiceState {
  url: string;
  pid: number | null;
  restarts: number;
  /** How the last unexpected exit ended, e.g. `signal SIGKILL` or `code 1`. */
  lastExit: string | null;
  startedAt: string;
}

/** Where `npm start` (scorecard up) writes the service logs and the supervisor's state. */
export const servicesLogDir = (): string => join(findRepoRoot(), '.stack', 'logs', 'services');

/** The supervisor's state file beside the service logs. */
export const SERVICES_STATE_FILE = 'services.json';

/** Restart delay after `failures` consecutive unexpected exits. */
export function restartDelayMs(failures: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
}

export interface RunningServices {
  urls: Record<ServiceName, string>;
  /** SIGTERM every service (graceful shutdown) and wait for them to exit. */
  stop(): Promise<void>;
  /** SIGKILL one service, as a crash would (a supervised one is then restarted). */
  kill(name: ServiceName): Promise<void>;
  /** Pids and restarts per started service. */
  states(): Partial<Record<ServiceName, ServiceState>>;
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
  const states: Partial<Record<ServiceName, ServiceState>> = {};
  let stopping = false;
  const saveStates = () =>
    writeFileSync(join(opts.logDir, SERVICES_STATE_FILE), `${JSON.stringify(states, null, 2)}\n`);
  const stopAll = async (signal: NodeJS.Signals) => {
    stopping = true;
    const all = [...children.values()];
    for (const c of all) if (c.exitCode === null && c.signalCode === null) c.kill(signal);
    await Promise.all(all.map(exited));
  };

  /** Spawns `name`; `failures` is its run of unexpected exits so far (for the restart delay). */
  const start = (name: ServiceName, failures = 0): { child: ChildProcess; logFile: string } => {
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
    const previous = states[name];
    states[name] = {
      url: urls[name],
      pid: child.pid ?? null,
      restarts: previous?.restarts ?? 0,
      lastExit: previous?.lastExit ?? null,
      startedAt: new Date().toISOString(),
    };
    saveStates();
    if (opts.supervise) superviseChild(name, child, logFile, failures);
    return { child, logFile };
  };

  /** Restarts `name` when `child` exits while the services are not being stopped. */
  const superviseChild = (name: ServiceName, child: ChildProcess, logFile: string, failures: number) => {
    const began = Date.now();
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const state = states[name];
      const ranLong = Date.now() - began >= 60_000;
      const n = ranLong ? 1 : failures + 1;
      const delay = restartDelayMs(n);
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (state) {
        state.pid = null;
        state.lastExit = how;
      }
      saveStates();
      opts.onProgress?.(`${name} exited (${how}); restarting in ${delay} ms (see ${logFile})`);
      setTimeout(() => {
        if (stopping) return;
        const current = states[name];
        if (current) current.restarts += 1;
        const next = start(name, n);
        waitReady(urls[name], next.child, name, opts.readyTimeoutMs ?? 60_000, next.logFile).then(
          () => opts.onProgress?.(`${name} ready again (restart ${current?.restarts ?? '?'})`),
          (err: Error) => opts.onProgress?.(`${name} did not come back: ${err.message}`),
        );
      }, delay).unref();
    });
  };

  try {
    for (const name of SERVICE_NAMES.filter((n) => opts.only?.includes(n) ?? true)) {
      const { child, logFile } = start(name);
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
      if (c && c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await exited(c);
      }
    },
    states: () => structuredClone(states),
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

/** A supervised service as `scorecard stack status` shows it: the state file plus whether its pid lives. */
export interface ServiceStatus extends ServiceState {
  name: string;
  running: boolean;
}

/** What `<logDir>/services.json` says of the services `npm start` runs (empty when it never ran). */
export function serviceStatuses(logDir: string): ServiceStatus[] {
  let states: Record<string, ServiceState>;
  try {
    states = JSON.parse(readFileSync(join(logDir, SERVICES_STATE_FILE), 'utf8')) as Record<
      string,
      ServiceState
    >;
  } catch {
    return [];
  }
  const alive = (pid: number | null) => {
    if (pid === null) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return Object.entries(states).map(([name, s]) => ({ name, ...s, running: alive(s.pid) }));
}
