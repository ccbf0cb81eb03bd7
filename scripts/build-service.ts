// `npm run build` in services/<name> (or `tsx scripts/build-service.ts <name>` from the root): bundles the
// service for its container image.
//
//   dist/main.js     instrumentation.ts, then main.ts, in one CommonJS file: `node dist/main.js`
//   dist/migrate.js  deploy/src/migrate-postgres.ts (or migrate-clickhouse.ts for reporting): the migrations Job
//   dist/workers/<name>.js  each src/workers/<name>.ts: a worker thread entry, which main.ts starts from
//                    join(__dirname, 'workers', `<name>${extname(__filename)}`) (.ts under tsx, .js here)
//
// Internal `@scorecard/*` packages are TypeScript source and are bundled in; every other package stays
// external and is installed with `npm ci --omit=dev --workspace services/<name>` in the image, so
// OpenTelemetry can patch http, express and pg when they are first required (which the bundle does
// only after instrumentation.ts has run) and native modules (chdb) load as published.
//
// One file instead of `--import ./dist/instrumentation.js`: two bundles would each carry their own copy of
// @scorecard/telemetry, and the copy main.ts calls on shutdown (stopTracing) would not be the one that
// started the SDK, so the last spans would never be flushed.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const repoRoot = join(__dirname, '..');

export interface BuiltService {
  name: string;
  outdir: string;
  /** The files written, relative to the service directory. */
  outputs: string[];
}

/** Every bare import except `@scorecard/*` stays a runtime `require`. */
const externalThirdParty: Plugin = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@scorecard/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  // Stack traces name source files; keep function and class names (errors, pino, OpenTelemetry).
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [externalThirdParty],
};

/** Bundles `services/<name>` (or the service at `serviceDir`) into its `dist/`. */
export async function buildService(serviceDirOrName: string): Promise<BuiltService> {
  const serviceDir = existsSync(serviceDirOrName)
    ? resolve(serviceDirOrName)
    : join(repoRoot, 'services', serviceDirOrName);
  const pkg = JSON.parse(readFileSync(join(serviceDir, 'package.json'), 'utf8')) as { name: string };
  const name = pkg.name.replace(/^@scorecard\//, '');
  if (!existsSync(join(serviceDir, 'src', 'main.ts'))) throw new Error(`${serviceDir} has no src/main.ts`);
  const outdir = join(serviceDir, 'dist');
  rmSync(outdir, { recursive: true, force: true });

  await build({
    ...shared,
    // Instrumentation first: its require of @opentelemetry/* installs the module hooks before main's
    // imports require http, express or pg.
    stdin: {
      contents: `require('./src/instrumentation.ts');\nrequire('./src/main.ts');\n`,
      resolveDir: serviceDir,
      sourcefile: `${name}-entry.js`,
      loader: 'js',
    },
    outfile: join(outdir, 'main.js'),
  });
  const outputs = ['dist/main.js'];

  // Worker thread entries: their own bundles (no instrumentation: tracing lives on the main thread).
  const workersDir = join(serviceDir, 'src', 'workers');
  const workers = existsSync(workersDir)
    ? readdirSync(workersDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    : [];
  for (const file of workers.sort()) {
    const out = `dist/workers/${file.replace(/\.ts$/, '.js')}`;
    await build({ ...shared, entryPoints: [join(workersDir, file)], outfile: join(serviceDir, out) });
    outputs.push(out);
  }

  // Postgres services and reporting (ClickHouse) import different stacks, and an image holds only its own.
  const migrateEntry = existsSync(join(serviceDir, 'migrations'))
    ? 'migrate-postgres.ts'
    : existsSync(join(serviceDir, 'clickhouse-migrations'))
      ? 'migrate-clickhouse.ts'
      : undefined;
  if (migrateEntry) {
    await build({
      ...shared,
      entryPoints: [join(repoRoot, 'deploy', 'src', migrateEntry)],
      outfile: join(outdir, 'migrate.js'),
    });
    outputs.push('dist/migrate.js');
  }
  return { name, outdir, outputs };
}

if (require.main === module) {
  const arg = process.argv[2] ?? process.cwd();
  buildService(arg).then(
    (b) => console.log(`built ${b.name}: ${b.outputs.join(', ')}`),
    (err: unknown) => {
      console.error(`build of ${basename(arg)} failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
