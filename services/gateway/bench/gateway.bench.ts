// `npm run bench -- gateway`: GET /api/v1/me/dashboard through the gateway under a steady 500 rps
// from autocannon on loopback; p50, p99 and achieved rps. Baseline, same run: the same request
// straight to the review service, so the ratio is the gateway's own cost (JWT, routing, proxy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { endpointsEnv, launchServices, stackUp } from '@scorecard/stack';
import { identityHeaders } from '@scorecard/http';
import { reportBench, uniqueTopicPrefix } from '@scorecard/testkit';

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

async function load(url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, headers, connections: 20, duration: SECONDS, overallRate: RATE });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average };
}

async function main(): Promise<void> {
  const up = await stackUp({ log: () => undefined });
  const chdb = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const base = new URL(up.databaseUrl);
  base.pathname = '/scorecard_bench_gateway';
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
    logDir: join(tmpdir(), 'gateway-bench-logs'),
  });
  try {
    const res = await fetch(`${services.urls.gateway}/api/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'ada', roles: ['employee'], tenant_id: 'bench', employee_id: 'emp-ada' }),
    });
    const { token } = (await res.json()) as { token: string };
    const viaGateway = { authorization: `Bearer ${token}` };
    const direct = identityHeaders({
      subject: 'ada',
      tenantId: 'bench',
      roles: ['employee'],
      employeeId: 'emp-ada',
    });
    const probe = await fetch(`${services.urls.gateway}/api/v1/me/dashboard`, { headers: viaGateway });
    if (probe.status !== 200) throw new Error(`dashboard answered ${probe.status}: ${await probe.text()}`);

    await load(`${services.urls.gateway}/api/v1/me/dashboard`, viaGateway); // warm-up
    const gw = await load(`${services.urls.gateway}/api/v1/me/dashboard`, viaGateway);
    const baseline = await load(`${services.urls.review}/api/v1/me/dashboard`, direct);
    console.log(
      `gateway p50 ${gw.p50} ms, p99 ${gw.p99} ms, ${Math.round(gw.rps)} rps; review direct p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
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
