// The production bundle (scripts/build-service.ts) really starts: gateway needs no infrastructure, so it is
// built and run as the image runs it, `node dist/main.js`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildService } from '../../scripts/build-service';
import { repoRoot } from '../src/dockerfiles';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

async function getUntilUp(url: string, child: ChildProcess, output: () => string): Promise<Response> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output()}`);
    try {
      return await fetch(url, { signal: AbortSignal.timeout(1_000) });
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no answer from ${url}:\n${output()}`);
}

describe('scripts/build-service', () => {
  it('bundles gateway into dist/main.js, which serves /healthz with OpenTelemetry loaded first', async () => {
    const built = await buildService('gateway');
    expect(built.outputs).toEqual(['dist/main.js']);
    const bundle = readFileSync(join(built.outdir, 'main.js'), 'utf8');
    // Internal packages are inside; third-party ones are required at run time.
    expect(bundle).not.toMatch(/require\("@scorecard\//);
    expect(bundle).toMatch(/require\("express"\)/);
    expect(bundle.indexOf('require("@opentelemetry/sdk-node")')).toBeLessThan(
      bundle.indexOf('require("express")'),
    );

    const port = await freePort();
    // A stand-in OTLP collector: shutdown flushes the spans of the SDK instrumentation.ts started.
    const exports: string[] = [];
    const collector = createHttpServer((req, res) => {
      exports.push(`${req.method ?? ''} ${req.url ?? ''}`);
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const collectorPort = (collector.address() as { port: number }).port;
    let output = '';
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: join(repoRoot, 'services', 'gateway'),
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const health = await getUntilUp(`http://127.0.0.1:${port}/healthz`, child, () => output);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', service: 'gateway' });
      // http was patched by the instrumentation: the request ran inside a server span.
      const other = await fetch(`http://127.0.0.1:${port}/no-such-route`);
      expect(other.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      child.kill('SIGTERM');
    }
    try {
      expect(await exitOf(child)).toBe(0);
      // One bundle, one @scorecard/telemetry: the stopTracing() of shutdown flushed the SDK that served.
      expect(exports).toContain('POST /v1/traces');
    } finally {
      collector.close();
    }
  });

  it('bundles each src/workers/<name>.ts as dist/workers/<name>.js, which runs as a worker thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecard-build-'));
    try {
      mkdirSync(join(dir, 'src', 'workers'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@scorecard/fixture' }));
      writeFileSync(join(dir, 'src', 'instrumentation.ts'), 'export const loaded = true;\n');
      writeFileSync(join(dir, 'src', 'main.ts'), 'process.stdout.write("main\\n");\n');
      writeFileSync(join(dir, 'src', 'double.ts'), 'export const double = (n: number): number => n * 2;\n');
      writeFileSync(
        join(dir, 'src', 'workers', 'doubler.ts'),
        "import { parentPort } from 'node:worker_threads';\nimport { double } from '../double';\n" +
          "parentPort?.on('message', (n: number) => parentPort?.postMessage(double(n)));\n",
      );
      const built = await buildService(dir);
      expect(built.outputs).toEqual(['dist/main.js', 'dist/workers/doubler.js']);
      const worker = new Worker(join(dir, 'dist', 'workers', 'doubler.js'));
      try {
        const answer = new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        worker.postMessage(21);
        expect(await answer).toBe(42);
      } finally {
        await worker.terminate();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bundles the migrate entry beside main for a service with Postgres migrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecard-build-'));
    try {
      mkdirSync(join(dir, 'src'));
      mkdirSync(join(dir, 'migrations'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@scorecard/fixture' }));
      writeFileSync(join(dir, 'src', 'instrumentation.ts'), 'export const loaded = true;\n');
      writeFileSync(join(dir, 'src', 'main.ts'), 'process.stdout.write("main\\n");\n');
      writeFileSync(join(dir, 'migrations', '0001_things.sql'), 'CREATE TABLE things (id int);\n');
      const built = await buildService(dir);
      expect(built.name).toBe('fixture');
      expect(built.outputs).toEqual(['dist/main.js', 'dist/migrate.js']);
      const migrate = readFileSync(join(dir, 'dist', 'migrate.js'), 'utf8');
      expect(migrate).not.toMatch(/require\("@scorecard\//);
      expect(migrate).toMatch(/require\("typeorm"\)/);
      expect(migrate).not.toMatch(/require\("chdb/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
