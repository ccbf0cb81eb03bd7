import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Person } from '@scorecard/generator';
import {
  PERIODS,
  api,
  bootStack,
  devToken,
  ensureChromium,
  ensureWebBuild,
  launchBrowser,
  screenshot,
  signIn,
  waitFor,
  type Stack,
} from './harness';

// The dashboard in chromium against the real services: one main path per role, with screenshots
// under test-results/web/.

const TENANT = 'e2e-web';
const PERIOD = PERIODS[1] as string;
let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let agent: Person;

beforeAll(async () => {
  ensureChromium();
  ensureWebBuild();
  stack = await bootStack(TENANT);
  browser = await launchBrowser();
  const steady = stack.people.filter((p) => p.exitedMs === undefined && p.transfer === undefined);
  agent = steady.find((p) => p.roleGroup === 'helpdesk_agents') as Person;
  // Wait until review holds the agent's scorecard for the period under review.
  const hr = await devToken(stack.gateway, TENANT, ['hr']);
  await waitFor(
    async () => {
      const r = await api<{ items: { employee_id: string; total_score: number | null }[] }>(
        stack.gateway,
        hr,
        'GET',
        `/review/scorecards?period_id=${PERIOD}`,
      );
      return r.body.items?.some((s) => s.employee_id === agent.id && s.total_score !== null) || undefined;
    },
    { timeoutMs: 120_000, intervalMs: 500, message: `${agent.id}'s scorecard in review` },
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
});
afterEach(async () => {
  await context?.close();
});

describe('the dashboard, one main path per role', () => {
  it('employee: sees their own scorecard in growth language, with no raw mechanics', async () => {
    await signIn(page, stack.gateway, TENANT, 'employee', agent.id);
    await page.getByRole('heading', { name: 'My scorecard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'My KPIs' }).waitFor();
    const kpis = page.getByTestId('my-kpi');
    expect(await kpis.count()).toBeGreaterThan(0);
    const labels = await page.locator('.kpi .badge').allInnerTexts();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(['Exceeding', 'Meeting', 'Growing', 'Not yet measured']).toContain(l);
    const text = await page.locator('main').innerText();
    // Growth language only: no rating bands, raw ratios, weights or caps.
    expect(text).not.toMatch(/\b(below|failing|raw|weight|cap|rating band)\b/i);
    expect(text).toMatch(/My journal/);
    await screenshot(page, 'employee');

    // The same page on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'employee-phone');
  });
});
