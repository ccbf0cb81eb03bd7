// `npm run bench -- <name>`: runs the one benchmark file named `<name>.bench.ts` under packages/*/bench or services/*/bench.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const benches = ['packages', 'services'].flatMap((top) =>
  readdirSync(join(root, top)).flatMap((dir) => {
    const benchDir = join(root, top, dir, 'bench');
    return existsSync(benchDir)
      ? readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => ({ name: f.replace('.bench.ts', ''), file: join(benchDir, f) }))
      : [];
  }),
);
const name = process.argv[2];
const bench = benches.find((b) => b.name === name);
if (!bench) {
  console.error(`usage: npm run bench -- <name>; known: ${benches.map((b) => b.name).sort().join(', ') || 'none'}`);
  process.exit(2);
}
const res = spawnSync(process.execPath, ['--import', 'tsx', bench.file, ...process.argv.slice(3)], { stdio: 'inherit', cwd: root });
process.exit(res.status ?? 1);
