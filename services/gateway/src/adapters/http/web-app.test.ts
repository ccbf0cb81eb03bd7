import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createMetrics } from '@scorecard/telemetry';
import { createServiceApp } from '@scorecard/http';
import { webAppRoutes } from './web-app';

const servers: Server[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(dir: string): Promise<string> {
  const { app } = createServiceApp({
    service: 'gateway',
    logger: createLogger({ service: 'gateway', level: 'silent' }),
    metrics: createMetrics('gateway'),
    readiness: [],
    routes: (a) => {
      a.get('/api/v1/ping', (_req, res) => {
        res.json({ pong: true });
      });
      webAppRoutes(dir)(a);
    },
  });
  const s = createServer(app);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

function built(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-web-dist-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  return dir;
}

describe('the dashboard served by the gateway', () => {
  it('serves index.html at / with a CSP that allows only its own scripts', async () => {
    const base = await serve(built());
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('id="root"');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('serves hashed assets with long caching', async () => {
    const base = await serve(built());
    const res = await fetch(`${base}/assets/app-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('falls back to index.html for client routes, never for /api or missing files', async () => {
    const base = await serve(built());
    const route = await fetch(`${base}/manager/scorecards/abc`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="root"');
    expect((await fetch(`${base}/api/v1/ping`)).status).toBe(200);
    const api = await fetch(`${base}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
  });

  it('registers nothing when the app is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'scorecard-web-empty-'));
    dirs.push(empty);
    const base = await serve(empty);
    expect((await fetch(`${base}/`)).status).toBe(404);
  });
});
