import type { Command } from 'commander';
import { join } from 'node:path';
import { endpointsEnv, findRepoRoot, launchServices, stackUp } from '@scorecard/stack';

/** `scorecard up` (what `npm start` runs): the stack, then all six services, until Ctrl-C. */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('start the local stack and all six services; stop the services with Ctrl-C')
    .action(async () => {
      const up = await stackUp();
      const logDir = join(findRepoRoot(), '.stack', 'logs', 'services');
      const services = await launchServices({
        env: { ...endpointsEnv(up), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
        logDir,
        onProgress: (line) => console.error(line),
      });
      console.log(`\nScorecard is running: ${services.urls.gateway}  (service logs in ${logDir})`);
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
