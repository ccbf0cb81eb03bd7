// `scorecard generate --employees N --months M [--seed S]`: a synthetic tenant streamed through
// the gateway's ingest API in batches, with a progress bar; 503s and network errors are retried.
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import {
  generateTenant,
  MIN_EMPLOYEES,
  type GeneratedEvent,
  type GeneratedTenant,
} from '@scorecard/generator';

export const MAX_BATCH = 5_000;

/** The first day of the month `months` before the current one: the window ends this month. */
export function defaultStart(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1));
  return d.toISOString().slice(0, 10);
}

export interface PostResult {
  status: number;
  body: unknown;
}

export interface SendOptions {
  events: readonly GeneratedEvent[];
  post: (batch: readonly GeneratedEvent[]) => Promise<PostResult>;
  batchSize?: number;
  /** Attempts per batch while the API answers 503 (or cannot be reached). */
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (sent: number) => void;
}

/**
 * Sends the events in order, one batch at a time. A 503 means nothing of the batch was kept, so
 * the same batch is sent again (its events dedupe if an earlier attempt did get through); any
 * other error stops the run with the API's problem details.
 */
export async function sendEvents(
  opts: SendOptions,
): Promise<{ accepted: number; duplicates: number; retries: number }> {
  const size = Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH);
  const maxAttempts = opts.maxAttempts ?? 30;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const total = { accepted: 0, duplicates: 0, retries: 0 };
  for (let i = 0; i < opts.events.length; i += size) {
    const batch = opts.events.slice(i, i + size);
    for (let attempt = 1; ; attempt++) {
      let res: PostResult | undefined;
      let failure: unknown;
      try {
        res = await opts.post(batch);
      } catch (err) {
        failure = err;
      }
      if (res?.status === 202) {
        const body = res.body as { accepted: number; duplicates: number };
        total.accepted += body.accepted;
        total.duplicates += body.duplicates;
        break;
      }
      if (res && res.status !== 503) {
        throw new Error(`batch at event ${i} refused (${res.status}): ${JSON.stringify(res.body)}`);
      }
      if (attempt >= maxAttempts) {
        throw new Error(
          `batch at event ${i} still unavailable after ${attempt} attempts${failure instanceof Error ? `: ${failure.message}` : ''}`,
        );
      }
      total.retries++;
      await sleep(Math.min(10_000, 250 * 2 ** (attempt - 1)));
    }
    opts.onProgress?.(i + batch.length);
  }
  return total;
}

async function devToken(gateway: string, tenant: string): Promise<string> {
  const res = await fetch(`${gateway}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'scorecard-generator', roles: ['admin'], tenant_id: tenant }),
  });
  if (res.status !== 200)
    throw new Error(`the gateway gave no dev token (${res.status}); is it running in dev auth mode?`);
  return ((await res.json()) as { token: string }).token;
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};

export interface GenerateOptions {
  employees: number;
  months: number;
  seed: number;
  start?: string;
  gateway: string;
  tenant: string;
}

/** Generates a tenant and streams it through the gateway's ingest API, with a progress bar. */
export async function generateIntoGateway(o: GenerateOptions): Promise<GeneratedTenant> {
  const start = o.start ?? defaultStart(new Date(), o.months);
  const tenant = generateTenant({ employees: o.employees, months: o.months, seed: o.seed, start });
  console.log(
    `generated ${tenant.events.length} events for ${tenant.people.length} people, ${tenant.window.start.slice(0, 10)} → ${tenant.window.end.slice(0, 10)}`,
  );
  const token = await devToken(o.gateway, o.tenant);
  const bar = new SingleBar(
    { format: 'ingest [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left' },
    Presets.shades_classic,
  );
  bar.start(tenant.events.length, 0);
  try {
    const result = await sendEvents({
      events: tenant.events,
      onProgress: (n) => bar.update(n),
      post: async (batch) => {
        const res = await fetch(`${o.gateway}/api/v1/ingest/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ events: batch }),
        });
        return { status: res.status, body: await res.json() };
      },
    });
    bar.stop();
    console.log(
      `accepted ${result.accepted}, duplicates ${result.duplicates}${result.retries ? `, ${result.retries} retries` : ''} (tenant ${o.tenant})`,
    );
    return tenant;
  } catch (err) {
    bar.stop();
    throw err;
  }
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate a synthetic ISP tenant and send it through the ingest API')
    .requiredOption(
      '--employees <n>',
      `people in the tenant (at least ${MIN_EMPLOYEES})`,
      positiveInt('employees'),
    )
    .requiredOption(
      '--months <m>',
      'months of activity, ending with the current month',
      positiveInt('months'),
    )
    .option('--seed <s>', 'random seed: the same seed (and start) gives the same tenant', (v) => Number(v), 1)
    .option('--start <date>', 'first day of the window, YYYY-MM-01 (default: months back from now)')
    .option('--gateway <url>', 'gateway base URL', 'http://127.0.0.1:4000')
    .option('--tenant <id>', 'tenant to generate into', 'demo')
    .action(async (o: GenerateOptions) => {
      await generateIntoGateway(o);
    });
}
