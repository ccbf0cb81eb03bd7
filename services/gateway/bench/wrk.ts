// Runs Debian's wrk at a steady rate (steady-rate.lua) and reads its one-line JSON summary. wrk is
// C with one event-loop thread: on a 2-core machine it leaves the cores to the services measured,
// where a Node load tool would take a share of them and add its own GC pauses to the latencies.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface SteadyLoad {
  url: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  connections: number;
}

export interface WrkSummary {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How far behind schedule a send fell at worst; near zero means the rate really was steady. */
  maxLagMs: number;
}

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Installs wrk from Debian when it is missing, as .ci/run does for its own packages. */
export function ensureWrk(): void {
  if (onPath('wrk')) return;
  if (!onPath('apt-get')) throw new Error('the gateway bench needs wrk (Debian package "wrk") on PATH');
  console.log('bench: installing wrk from Debian');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...sudo, ...args] as [string, ...string[]];
    execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', 'wrk']);
}

export async function steadyLoad(load: SteadyLoad): Promise<WrkSummary> {
  const args = [
    '-t1',
    `-c${load.connections}`,
    `-d${load.seconds}s`,
    '--timeout',
    '5s',
    '-s',
    join(__dirname, 'steady-rate.lua'),
    ...Object.entries(load.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    load.url,
    '--',
    String(load.rate),
  ];
  const wrk = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  wrk.stdout.on('data', (d: Buffer) => (out += d.toString()));
  wrk.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    wrk.on('error', reject);
    wrk.on('close', resolve);
  });
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`wrk exited ${code}: ${err || out}`);
  const s = JSON.parse(line) as {
    requests: number;
    duration_us: number;
    non2xx: number;
    errors: number;
    p50_us: number;
    p99_us: number;
    max_us: number;
    max_lag_ms: number;
  };
  if (s.non2xx > 0 || s.errors > 0)
    throw new Error(`${load.url}: ${s.non2xx} non-2xx answers, ${s.errors} socket errors`);
  return {
    requests: s.requests,
    rps: s.requests / (s.duration_us / 1e6),
    p50Ms: s.p50_us / 1000,
    p99Ms: s.p99_us / 1000,
    maxMs: s.max_us / 1000,
    maxLagMs: s.max_lag_ms,
  };
}
