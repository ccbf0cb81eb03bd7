// Boots the real services (fresh database, generated tenant through ingest, registry seeds) with
// the built dashboard, and drives Debian's chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { generateTenant, type Person } from '@scorecard/generator';
import { launchServices, type RunningServices } from '@scorecard/stack';
import {
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';

export const WEB_DIR = resolve(__dirname, '..');
export const DIST_DIR = join(WEB_DIR, 'dist');
export const SHOTS_DIR = resolve(WEB_DIR, '..', 'test-results', 'web');
export const CHROMIUM = '/usr/bin/chromium';

function newestMtime(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Runs the Vite build when web/dist is missing or older than the sources. */
export function ensureWebBuild(): void {
  const index = join(DIST_DIR, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.mts'].map((f) => join(WEB_DIR, f));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
}

/** Debian's chromium, installed when missing (as .ci/run does). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) =>
    execFileSync(sudo[0] ?? args[0]!, [...(sudo.length ? args : args.slice(1))], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', 'chromium']);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
}

export interface Stack {
  gateway: string;
  tenant: string;
  people: readonly Person[];
  stop(): Promise<void>;
}

export const PERIODS = ['monthly:2026-08', 'monthly:2026-09'];

/** The services on a fresh database with a generated tenant scored for two months. */
export async function bootStack(tenant: string): Promise<Stack> {
  const generated = generateTenant({ employees: 40, months: 2, seed: 4, start: '2026-08-01' });
  const db: FreshDatabase = await freshDatabase();
  const chdbDir = mkdtempSync(join(tmpdir(), 'scorecard-web-e2e-chdb-'));
  const prefix = uniqueTopicPrefix();
  let services: RunningServices | undefined;
  const stop = async () => {
    await services?.stop();
    await db.drop();
    rmSync(chdbDir, { recursive: true, force: true });
  };
  try {
    services = await launchServices({
      env: {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        SCHEMA_REGISTRY_URL: requireEnv('SCHEMA_REGISTRY_URL'),
        TOPIC_PREFIX: prefix,
        CHDB_PATH: chdbDir,
        SEED_TENANTS: tenant,
        LOG_LEVEL: 'warn',
      },
      serviceEnv: { gateway: { WEB_DIST_DIR: DIST_DIR } },
      ports: 'free',
      // On a machine shared with other test runs a service can take minutes to come up.
      readyTimeoutMs: 180_000,
      logDir: join(tmpdir(), `scorecard-web-e2e-logs-${prefix}`),
    });
    const gateway = services.urls.gateway;
    const admin = await devToken(gateway, tenant, ['admin']);
    const hr = await devToken(gateway, tenant, ['hr']);
    for (let i = 0; i < generated.events.length; i += 2_000) {
      const events = generated.events.slice(i, i + 2_000);
      // A busy machine can outlast the gateway's upstream timeout; ingest dedupes, so resending is safe.
      let res = await api(gateway, admin, 'POST', '/ingest/events', { events });
      for (let attempt = 1; attempt < 4 && res.status >= 500; attempt++)
        res = await api(gateway, admin, 'POST', '/ingest/events', { events });
      if (res.status !== 202) throw new Error(`ingest refused: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const start of ['2026-08-01', '2026-09-01']) {
      const res = await api(gateway, hr, 'POST', '/performance/periods', { frequency: 'monthly', start });
      if (![200, 201].includes(res.status)) throw new Error(`period ${start}: ${res.status}`);
    }
    return { gateway, tenant, people: generated.people, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export async function devToken(
  gateway: string,
  tenant: string,
  roles: string[],
  employeeId?: string,
): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sub: `web-e2e-${roles[0]}-${employeeId ?? 'x'}`,
      roles,
      tenant_id: tenant,
      ...(employeeId ? { employee_id: employeeId } : {}),
    }),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function api<T = Record<string, unknown>>(
  gateway: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${gateway}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T,
  };
}

export { waitFor };

/** Signs in through the dev-login page. */
export async function signIn(
  page: Page,
  gateway: string,
  tenant: string,
  role: string,
  person?: string,
): Promise<void> {
  await page.goto(`${gateway}/`);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${gateway}/`);
  await page.getByLabel('Tenant', { exact: true }).fill(tenant);
  await page.getByRole('radio', { name: new RegExp(`^${role}`, 'i') }).check();
  // The tenant's people load into a list (waits until the person is offered).
  await page.getByRole('combobox', { name: /^Person/ }).selectOption(person ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
}
