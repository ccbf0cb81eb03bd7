import type { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { endpointsEnv, findRepoRoot, launchServices, servicesLogDir, stackUp } from '@scorecard/stack';
import { defaultStart, generateIntoGateway } from './generate';
import { demoJournalScores, gatewayJournalApi, monthsOf, recordDemoJournalScores } from './demo-journal';

const DEMO_SEED = 42;

const newest = (path: string): number => {
  const s = statSync(path);
  return s.isDirectory()
    ? Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))))
    : s.mtimeMs;
};

/** Builds the dashboard (web/dist, served by the gateway at `/`) when missing or older than its sources. */
export function ensureWebBuild(root: string): void {
  const web = join(root, 'web');
  if (!existsSync(join(web, 'package.json'))) return;
  const index = join(web, 'dist', 'index.html');
  const sources = ['src', 'index.html', 'vite.config.mts']
    .map((f) => join(web, f))
    .filter((f) => existsSync(f));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  console.error('building the dashboard (web/dist)…');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
}

async function hrToken(gateway: string): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'scorecard-up', roles: ['hr'], tenant_id: 'demo' }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Opens the demo's monthly periods so compute scores them (already open: 200, nothing changes). */
async function openDemoPeriods(gateway: string, months: number): Promise<void> {
  const token = await hrToken(gateway);
  const first = new Date(`${defaultStart(new Date(), months)}T00:00:00Z`);
  for (let i = 0; i < months; i++) {
    const start = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1))
      .toISOString()
      .slice(0, 10);
    const period = await fetch(`${gateway}/api/v1/performance/periods`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ frequency: 'monthly', start }),
    });
    if (!period.ok) console.error(`could not open the period starting ${start}: ${period.status}`);
  }
}

/** Rescores the demo's periods, so the journal's scores show without waiting for a poll. */
async function computeDemoPeriods(gateway: string, periodIds: readonly string[]): Promise<void> {
  const token = await hrToken(gateway);
  for (const id of periodIds) {
    const res = await fetch(`${gateway}/api/v1/performance/compute?period_id=${encodeURIComponent(id)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 202) console.error(`could not rescore ${id}: ${res.status}`);
  }
}

/** `scorecard up` (what `npm start` runs): the stack, then all six services, until Ctrl-C. */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description(
      'start the local stack and all six services with a demo tenant; stop the services with Ctrl-C',
    )
    .option('--no-demo', 'skip generating the demo tenant')
    .option('--demo-employees <n>', 'people in the demo tenant', (v) => Number(v), 60)
    .option('--demo-months <m>', 'months of demo activity', (v) => Number(v), 3)
    .action(async (opts: { demo: boolean; demoEmployees: number; demoMonths: number }) => {
      ensureWebBuild(findRepoRoot());
      const up = await stackUp();
      const logDir = servicesLogDir();
      const services = await launchServices({
        env: { ...endpointsEnv(up), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
        logDir,
        // A service that dies is started again, as Kubernetes would (`scorecard stack status` shows restarts).
        supervise: true,
        onProgress: (line) => console.error(line),
      });
      if (opts.demo) {
        // Deterministic for a seed and month, and deduplicated by ingest: restarting re-sends nothing new.
        console.error('streaming the demo tenant through the ingest API…');
        const demo = await generateIntoGateway({
          employees: opts.demoEmployees,
          months: opts.demoMonths,
          seed: DEMO_SEED,
          gateway: services.urls.gateway,
          tenant: 'demo',
        });
        await openDemoPeriods(services.urls.gateway, opts.demoMonths);
        // Manual coaching KPIs are measured in the journal: the line managers' monthly rubric.
        const months = monthsOf(demo.window);
        const journal = await recordDemoJournalScores(
          demoJournalScores(demo.people, months, DEMO_SEED),
          gatewayJournalApi(services.urls.gateway, 'demo'),
          { deadlineMs: Date.now() + 120_000 },
        );
        console.error(
          `journal: ${journal.written} code-of-conduct scores recorded, ${journal.present} already there` +
            (journal.skipped > 0
              ? `, ${journal.skipped} skipped (review did not know the people in time)`
              : ''),
        );
        if (journal.written > 0)
          await computeDemoPeriods(
            services.urls.gateway,
            months.map((m) => m.periodId),
          );
      }
      console.log(`\nScorecard is running: ${services.urls.gateway}  (service logs in ${logDir})`);
      console.log(
        `Dashboard: ${services.urls.gateway}/ — dev sign-in for each role (employee emp-0004, manager emp-0003, hr, exec, admin)`,
      );
      console.log(
        'Dev tokens for any role: POST /api/v1/auth/dev-token {"sub", "roles": ["employee"|"manager"|"hr"|"exec"|"admin"], "tenant_id": "demo"}',
      );
      console.log(
        'Press Ctrl-C to stop the services; `npx scorecard stack down` stops Kafka and the registry.',
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      console.error('stopping services…');
      await services.stop();
    });
}
