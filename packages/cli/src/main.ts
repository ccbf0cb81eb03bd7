import { Command } from 'commander';
import { registerStack } from './commands/stack';
import { registerUp } from './commands/up';
import { registerDlq } from './commands/dlq';
import { registerScorePreview } from './commands/score-preview';
import { registerGenerate } from './commands/generate';
import { registerRecompute } from './commands/recompute';
import { registerImport } from './commands/import';

const program = new Command('scorecard').description('Scorecard operator CLI');
registerStack(program);
registerUp(program);
registerDlq(program);
registerScorePreview(program);
registerGenerate(program);
registerRecompute(program);
registerImport(program);
program.command('version').action(() => console.log('0.1.0'));
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
