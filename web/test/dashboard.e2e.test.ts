import { readFileSync } from 'node:fs';
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

  it('manager: reviews a report, overrides a KPI with a reason, and approves', async () => {
    await signIn(page, stack.gateway, TENANT, 'manager', agent.managerId);
    await page.getByRole('heading', { name: 'My team', level: 1 }).waitFor();
    // Compute's scheduler opens the current and next months too; review the one with data.
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    await page.getByRole('tab', { name: 'Growing KPIs' }).click();
    await page.getByRole('button', { name: `Review ${agent.id}` }).click();
    await page.getByRole('heading', { name: 'KPI breakdown' }).waitFor();
    const total = page.getByLabel('Total score');
    const before = await total.innerText();
    await page.getByLabel('What to override').selectOption('kpi:csat');
    await page.getByLabel(/^New score/).fill('0');
    await page.getByLabel(/^Reason/).fill('customer feedback the survey missed');
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.getByText(/Override saved; the total is now/).waitFor();
    await page.getByText(/overridden from .*customer feedback the survey missed/).waitFor();
    expect(await total.innerText()).not.toBe(before);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Done: submit.').waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Done: approve.').waitFor();
    await page.getByText('Approved', { exact: true }).waitFor();
    await screenshot(page, 'manager');
  });

  it('HR: views the heatmaps, finalizes the period and downloads the bonus CSV', async () => {
    const hr = await devToken(stack.gateway, TENANT, ['hr']);
    await waitFor(
      async () => {
        const byKpi = await api<{ cells: unknown[] }>(
          stack.gateway,
          hr,
          'GET',
          '/reports/heatmap?rows=department&cols=kpi',
        );
        const byPeriod = await api<{ cells: unknown[] }>(
          stack.gateway,
          hr,
          'GET',
          '/reports/heatmap?rows=department&cols=period',
        );
        return ((byKpi.body.cells?.length ?? 0) > 0 && (byPeriod.body.cells?.length ?? 0) > 0) || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'heatmap cells in reporting' },
    );
    await signIn(page, stack.gateway, TENANT, 'hr');
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    const heatmap = page.getByRole('figure', { name: 'Average score, Department × KPI' });
    await heatmap.waitFor();
    expect(await heatmap.locator('td[style*="background"]').count()).toBeGreaterThan(3);
    await screenshot(page, 'hr-heatmap');
    await page.getByRole('img', { name: 'Average overall score per department by period' }).waitFor();
    await page.getByRole('button', { name: 'Finalize period…' }).click();
    await page.getByRole('button', { name: 'Yes, finalize September 2026' }).click();
    await page.getByText(/September 2026 is finalized/).waitFor();

    await waitFor(
      async () => {
        const r = await api<{ rows: unknown[] }>(
          stack.gateway,
          hr,
          'GET',
          `/reports/bonus-eligibility?period_id=${PERIOD}&format=json`,
        );
        return (r.body.rows?.length ?? 0) > 0 || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, message: 'bonus decisions in reporting' },
    );
    await page.reload();
    await page.getByRole('cell', { name: agent.id }).first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bonus-eligibility-monthly-2026-09.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^employee_id,period_id,eligible,factor,total_score/);
    expect(csv).toContain(`${agent.id},${PERIOD},`);
    await screenshot(page, 'hr');
  });

  it('admin: filters the KPI gallery and publishes a template version with weights summing to 100', async () => {
    await signIn(page, stack.gateway, TENANT, 'admin');
    await page.getByRole('heading', { name: 'Configuration', level: 1 }).waitFor();
    const count = page.getByTestId('gallery-count');
    await count.waitFor();
    const all = await page.getByTestId('gallery-kpi').count();
    await page.getByLabel('Role group').selectOption('support_workers');
    const forGroup = await page.getByTestId('gallery-kpi').count();
    expect(forGroup).toBeGreaterThan(0);
    expect(forGroup).toBeLessThan(all);
    const categories = await page.getByLabel('Category').locator('option').allInnerTexts();
    await page.getByLabel('Category').selectOption({ label: categories[1] as string });
    expect(await page.getByTestId('gallery-kpi').count()).toBeLessThanOrEqual(forGroup);
    await screenshot(page, 'admin-gallery');

    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByRole('combobox', { name: /^Template/ }).selectOption('helpdesk-agent');
    const sum = page.getByTestId('weight-sum');
    await page.getByLabel('Weight of productivity').fill('40');
    await expect(sum.innerText()).resolves.toBe('110.00');
    const publish = page.getByRole('button', { name: /^Publish as version/ });
    expect(await publish.isDisabled()).toBe(true);
    await page.getByLabel('Weight of timeliness').fill('20');
    await expect(sum.innerText()).resolves.toBe('100.00');
    await publish.click();
    await page.getByText('Published version 2.').waitFor();
    await screenshot(page, 'admin-template');
  });
});
