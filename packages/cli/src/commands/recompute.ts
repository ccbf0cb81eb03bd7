// `scorecard recompute --period <id> [--employee <id>]`: queues a compute run through the gateway
// (POST /api/v1/performance/compute) and follows it (GET /api/v1/performance/runs/{id}) with a
// progress bar until it succeeds or fails. Authenticates with --token / SCORECARD_TOKEN, else a
// dev token (gateway in dev auth mode).
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';

export interface RunView {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number };
  changed?: number;
  error?: string | null;
}

export interface RecomputeApi {
  requestRun(periodId: string, employeeId: string | undefined): Promise<string>;
  getRun(runId: string): Promise<RunView>;
}

/** Polls the run until it ends, reporting progress; resolves with the final view. */
export async function followRun(
  api: RecomputeApi,
  runId: string,
  onProgress: (run: RunView) => void,
  opts: { intervalMs: number; sleep?: (ms: number) => Promise<void> } = { intervalMs: 500 },
): Promise<RunView> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    const run = await api.getRun(runId);
    onProgress(run);
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await sleep(opts.intervalMs);
  }
}

function gatewayApi(gateway: string, token: string): RecomputeApi {
  const call = async (method: string, path: string) => {
    const res = await fetch(`${gateway}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Record<string, unknown>;
    const detail = typeof body['detail'] === 'string' ? body['detail'] : '';
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${detail}`);
    return body;
  };
  return {
    async requestRun(periodId, employeeId) {
      const q = new URLSearchParams({
        period_id: periodId,
        trigger: 'cli',
        ...(employeeId ? { employee_id: employeeId } : {}),
      });
      return String((await call('POST', `/api/v1/performance/compute?${q.toString()}`))['run_id']);
    },
    async getRun(runId) {
      return (await call(
        'GET',
        `/api/v1/performance/runs/${encodeURIComponent(runId)}`,
      )) as unknown as RunView;
    },
  };
}

export async function devToken(gateway: string, tenant: string): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'scorecard-cli', roles: ['hr'], tenant_id: tenant }),
  });
  if (res.status !== 200) throw new Error(`the gateway gave no dev token (${res.status}); pass --token`);
  return ((await res.json()) as { token: string }).token;
}

export function registerRecompute(program: Command): void {
  program
    .command('recompute')
    .description('recompute the provisional results of an open period, with a progress bar')
    .requiredOption('--period <id>', 'period id, e.g. monthly:2026-11')
    .option('--employee <id>', 'only this person')
    .option('--gateway <url>', 'gateway base URL', 'http://127.0.0.1:4000')
    .option('--tenant <id>', 'tenant (for a dev token)', 'demo')
    .option('--token <jwt>', 'bearer token (default: SCORECARD_TOKEN, else a dev token)')
    .action(
      async (o: { period: string; employee?: string; gateway: string; tenant: string; token?: string }) => {
        const token = o.token ?? process.env['SCORECARD_TOKEN'] ?? (await devToken(o.gateway, o.tenant));
        const api = gatewayApi(o.gateway, token);
        const runId = await api.requestRun(o.period, o.employee);
        console.log(`run ${runId}`);
        const bar = new SingleBar(
          { format: 'recompute [{bar}] {percentage}% | {value}/{total} people | {status}' },
          Presets.shades_classic,
        );
        bar.start(1, 0, { status: 'queued' });
        const run = await followRun(api, runId, (r) => {
          bar.setTotal(Math.max(1, r.progress.total));
          bar.update(r.progress.done, { status: r.status });
        });
        bar.stop();
        if (run.status === 'failed') throw new Error(`run ${runId} failed: ${run.error ?? 'unknown error'}`);
        console.log(`done: ${run.progress.done} people, ${run.changed ?? 0} results changed`);
      },
    );
}
