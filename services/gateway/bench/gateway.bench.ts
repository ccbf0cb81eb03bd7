// `npm run bench -- gateway [people]`: GET /api/v1/me/dashboard through the gateway under a steady
// 500 rps from wrk on loopback (evenly spaced, see steady-rate.lua); p50, p99 and achieved rps. The employee's dashboard has real
// content (8 KPIs, 12 scorecards, 300 journal entries to filter) among `people` (default 2,000) other
// employees in two tenants, seeded fresh each run. Baseline, same run: the same request straight to
// the review service, so the ratio is the gateway's own cost (JWT, routing, proxy).
// BENCH_CPU_PROF=<dir> writes .cpuprofile files of the gateway and review into <dir>.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointsEnv, launchServices, stackUp } from '@scorecard/stack';
import { identityHeaders } from '@scorecard/http';
import { reportBench, uniqueTopicPrefix } from '@scorecard/testkit';
import {
  BENCH_EMPLOYEE,
  BENCH_TENANT,
  EXPECTED,
  dropBenchDatabase,
  seedDashboardData,
} from './dashboard-data';
import { ensureWrk, steadyLoad } from './wrk';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PEOPLE = Number(process.argv[2] ?? 2000);
const CPU_PROF = process.env.BENCH_CPU_PROF;

/**
 * A service's own figures from its /metrics (prom-client): CPU seconds used so far, and the longest
 * event-loop stall since the previous scrape (prom-client resets that histogram on each scrape).
 */
async function processFigures(serviceUrl: string): Promise<{ cpuSeconds: number; maxLagMs: number }> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  const metric = (name: string) => {
    const m = new RegExp(`^${name}\\S* (\\S+)$`, 'm').exec(text);
    if (!m?.[1]) throw new Error(`${serviceUrl}/metrics has no ${name}`);
    return Number(m[1]);
  };
  return {
    cpuSeconds: metric('process_cpu_seconds_total'),
    maxLagMs: metric('nodejs_eventloop_lag_max_seconds') * 1000,
  };
}

/**
 * Steady load on `url`, with the CPU each of `services` spent per request meanwhile (on a shared
 * machine latency swings with the neighbours' load, CPU per request much less so) and each one's
 * longest event-loop stall, which is where a latency tail far above the CPU cost comes from.
 */
async function load(url: string, headers: Record<string, string>, services: Record<string, string>) {
  const before = await Promise.all(Object.values(services).map(processFigures));
  const r = await steadyLoad({ url, headers, rate: RATE, seconds: SECONDS, connections: 20 });
  const after = await Promise.all(Object.values(services).map(processFigures));
  const per = (f: (i: number) => string) =>
    Object.keys(services)
      .map((name, i) => `${name} ${f(i)}`)
      .join(', ');
  const cpuMs = per((i) =>
    ((((after[i]?.cpuSeconds ?? 0) - (before[i]?.cpuSeconds ?? 0)) * 1000) / r.requests).toFixed(2),
  );
  const lag = per((i) => `${(after[i]?.maxLagMs ?? 0).toFixed(1)} ms`);
  return {
    p50: r.p50Ms,
    p99: r.p99Ms,
    rps: r.rps,
    detail:
      `max ${r.maxMs.toFixed(1)} ms, schedule lag ≤ ${r.maxLagMs.toFixed(1)} ms; CPU ms/request: ${cpuMs}; ` +
      `longest event-loop stall: ${lag}`,
  };
}

async function main(): Promise<void> {
  ensureWrk();
  const up = await stackUp({ log: () => undefined });
  const chdb = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const base = new URL(up.databaseUrl);
  base.pathname = '/scorecard_bench_gateway';
  await dropBenchDatabase(base.toString());
  const profiled = CPU_PROF
    ? { NODE_OPTIONS: `--import ${join(__dirname, 'cpu-profile.mjs')}`, BENCH_CPU_PROF_DIR: CPU_PROF }
    : undefined;
  const services = await launchServices({
    env: {
      ...endpointsEnv(up),
      DATABASE_URL: base.toString(),
      CHDB_PATH: chdb,
      TOPIC_PREFIX: uniqueTopicPrefix(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    ports: 'free',
    // The request path measured; the other four would share the two cores with it here, where a
    // deployment gives each service its own pods.
    only: ['review', 'gateway'],
    ...(profiled ? { serviceEnv: { gateway: profiled, review: profiled } } : {}),
    logDir: join(tmpdir(), 'gateway-bench-logs'),
  });
  try {
    await seedDashboardData(base.toString(), PEOPLE);
    const res = await fetch(`${services.urls.gateway}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sub: 'ada',
        roles: ['employee'],
        tenant_id: BENCH_TENANT,
        employee_id: BENCH_EMPLOYEE,
      }),
    });
    const { token } = (await res.json()) as { token: string };
    const viaGateway = { authorization: `Bearer ${token}` };
    const direct = identityHeaders({
      subject: 'ada',
      tenantId: BENCH_TENANT,
      roles: ['employee'],
      employeeId: BENCH_EMPLOYEE,
    });
    const probe = await fetch(`${services.urls.gateway}/api/v1/me/dashboard`, { headers: viaGateway });
    if (probe.status !== 200) throw new Error(`dashboard answered ${probe.status}: ${await probe.text()}`);
    const shown = (await probe.json()) as { kpis: unknown[]; scorecards: unknown[]; journal: unknown[] };
    const counts = {
      kpis: shown.kpis.length,
      scorecards: shown.scorecards.length,
      journal: shown.journal.length,
    };
    if (JSON.stringify(counts) !== JSON.stringify(EXPECTED))
      throw new Error(`dashboard shows ${JSON.stringify(counts)}, expected ${JSON.stringify(EXPECTED)}`);

    // The machine's 1-minute load around the measurement: the figures mean little without it.
    const loadBefore = loadavg()[0] ?? 0;
    const both = { gateway: services.urls.gateway, review: services.urls.review };
    await load(`${services.urls.gateway}/api/v1/me/dashboard`, viaGateway, both); // warm-up
    const gw = await load(`${services.urls.gateway}/api/v1/me/dashboard`, viaGateway, both);
    const baseline = await load(`${services.urls.review}/api/v1/me/dashboard`, direct, {
      review: services.urls.review,
    });
    console.log(
      `gateway p50 ${gw.p50} ms, p99 ${gw.p99} ms, ${Math.round(gw.rps)} rps (${gw.detail}); ` +
        `review direct p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, ${Math.round(baseline.rps)} rps (${baseline.detail}); ` +
        `load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
    );
    reportBench({
      name: 'gateway',
      value: gw.p99,
      unit: `ms p99 at ${Math.round(gw.rps)} rps (p50 ${gw.p50} ms)`,
      baseline: { value: baseline.p99, unit: 'ms p99 direct to review' },
    });
  } finally {
    await services.stop();
    rmSync(chdb, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
