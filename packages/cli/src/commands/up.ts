import type { Command } from 'commander';
import { join } from 'node:path';
import { endpointsEnv, findRepoRoot, launchServices, stackUp } from '@scorecard/stack';
import { generateIntoGateway } from './generate';

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
      const up = await stackUp();
      const logDir = join(findRepoRoot(), '.stack', 'logs', 'services');
      const services = await launchServices({
        env: { ...endpointsEnv(up), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
        logDir,
        onProgress: (line) => console.error(line),
      });
      if (opts.demo) {
        // Deterministic for a seed and month, and deduplicated by ingest: restarting re-sends nothing new.
        console.error('streaming the demo tenant through the ingest API…');
        await generateIntoGateway({
          employees: opts.demoEmployees,
          months: opts.demoMonths,
          seed: 42,
          gateway: services.urls.gateway,
          tenant: 'demo',
        });
      }
      console.log(`\nScorecard is running: ${services.urls.gateway}  (service logs in ${logDir})`);
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
