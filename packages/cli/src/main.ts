import { Command } from 'commander';

const program = new Command('scorecard').description('Scorecard operator CLI');
program.command('version').action(() => console.log('0.1.0'));
program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
