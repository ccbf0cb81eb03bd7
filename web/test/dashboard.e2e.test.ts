import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEPARTMENTS, type Person } from '@scorecard/generator';
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
}, 600_000);

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
  it("dev login: lists the tenant's people per role instead of asking for ids", async () => {
    await page.goto(`${stack.gateway}/`);
    await page.getByLabel('Tenant', { exact: true }).fill(TENANT);
    const person = page.getByRole('combobox', { name: /^Person/ });
    await person.locator(`option[value="${agent.id}"]`).waitFor({ state: 'attached' });
    expect(await person.locator(`option[value="${agent.id}"]`).innerText()).toContain(agent.name);
    const everyone = await person.locator('option').count();
    await page.getByRole('radio', { name: /^Manager/ }).check();
    await person.locator(`option[value="${agent.managerId}"]`).waitFor({ state: 'attached' });
    const managers = await person.locator('option').allInnerTexts();
    // Only people with reports: the agent's manager is offered, the agent is not.
    expect(managers.some((m) => m.includes(`(${agent.id})`))).toBe(false);
    expect(managers.length).toBeLessThan(everyone);
    await screenshot(page, 'login-people');
  });

  it('employee: sees their own scorecard in growth language, with no raw mechanics', async () => {
    await signIn(page, stack.gateway, TENANT, 'employee', agent.id);
    await page.getByRole('heading', { name: 'My scorecard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'My KPIs' }).waitFor();
    // Opens on the newest period with a score, not on a month compute opened ahead of time.
    expect(await page.getByRole('combobox', { name: /^Period/ }).inputValue()).toBe(PERIOD);
    const kpis = page.getByTestId('my-kpi');
    expect(await kpis.count()).toBeGreaterThan(0);
    const labels = await page.locator('.kpi .badge').allInnerTexts();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(['Exceeding', 'Meeting', 'Growing', 'Not yet measured']).toContain(l);
    const text = await page.locator('main').innerText();
    // Growth language only: no rating bands, raw ratios, weights or caps.
    expect(text).not.toMatch(/\b(below|failing|raw|weight|cap|rating band)\b/i);
    expect(text).toMatch(/My journal/);

    // The records behind a KPI: the ids listed are the ones compute stored with the result (read
    // again until the page and the store agree: compute may still be scoring newly ingested work).
    const token = await devToken(stack.gateway, TENANT, ['employee'], agent.id);
    let shown: string[] = [];
    let stored: string[] = [];
    await waitFor(
      async () => {
        await page.reload();
        await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
        const card = page.getByTestId('my-kpi').filter({ hasText: 'Tickets resolved' }).first();
        await card.locator('details.evidence summary').click();
        const list = card.getByRole('list', { name: 'Records counted for Tickets resolved' });
        await list.getByTestId('evidence-id').first().waitFor();
        shown = await list.getByTestId('evidence-id').allInnerTexts();
        const results = await api<{ kras: { kpis: { slug: string; evidence_ids: string[] }[] }[] }>(
          stack.gateway,
          token,
          'GET',
          `/performance/results?period_id=${PERIOD}`,
        );
        stored = results.body.kras
          .flatMap((k) => k.kpis)
          .find((k) => k.slug === 'tickets-resolved')!.evidence_ids;
        return shown.join() === stored.join() || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, message: 'evidence shown = evidence stored' },
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(stored);
    await screenshot(page, 'employee');

    // The same page on a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'employee-phone');
  });

  it('manager: reviews a report, overrides a KPI with a reason, and approves', async () => {
    await signIn(page, stack.gateway, TENANT, 'manager', agent.managerId);
    await page.getByRole('heading', { name: 'My team', level: 1 }).waitFor();
    // Compute's scheduler opens the current and next months too: the page opens on the newest
    // period with scores, which is the one under review.
    await page.getByTestId('team-member').first().waitFor();
    expect(await page.getByRole('combobox', { name: /^Period/ }).inputValue()).toBe(PERIOD);
    await page.getByRole('tab', { name: 'Growing KPIs' }).click();
    await page.getByRole('button', { name: `Review ${agent.name}` }).click();
    await page.getByRole('heading', { name: `${agent.name} · September 2026`, level: 1 }).waitFor();
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

  it('employee disputes a record as not theirs; the manager sees it disputed and resolves it', async () => {
    await signIn(page, stack.gateway, TENANT, 'employee', agent.id);
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    await page.getByTestId('review-status').getByText('Approved by your manager.').waitFor();
    const kpi = page
      .getByTestId('my-kpi')
      .filter({ has: page.locator('details.evidence') })
      .first();
    await kpi.locator('details.evidence summary').click();
    const record = await kpi.getByTestId('evidence-id').first().innerText();
    await kpi.getByRole('button', { name: `Not mine: dispute ${record}` }).click();
    expect(await page.getByRole('combobox', { name: 'Record' }).inputValue()).toBe(record);
    await page.getByLabel(/^Why/).fill(`${record} was closed by a colleague on my shift`);
    await page.getByRole('button', { name: 'Dispute my scorecard' }).click();
    await page.getByTestId('review-status').getByText('Disputed: your manager will look at it').waitFor();
    await page.getByTestId('dispute').getByText(record, { exact: true }).waitFor();
    await screenshot(page, 'employee-dispute');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'employee-dispute-phone');

    await signIn(page, stack.gateway, TENANT, 'manager', agent.managerId);
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: `Review ${agent.name}` }) });
    await row.getByText('Disputed', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Review ${agent.name}` }).click();
    const open = page.getByTestId('dispute');
    await open.getByText(record, { exact: true }).waitFor();
    expect(await open.innerText()).toContain('Wrong attribution');
    await page.getByRole('textbox', { name: 'Resolution' }).fill(`${record} removed from the count`);
    await page.getByRole('button', { name: 'Resolve and return to review' }).click();
    await page.getByText('Done: resolve.').waitFor();
    await page.getByText('In review', { exact: true }).waitFor();
    await screenshot(page, 'manager-resolved');

    const token = await devToken(stack.gateway, TENANT, ['employee'], agent.id);
    const mine = await api<{ review_status: string; disputes: { status: string; resolution: string }[] }>(
      stack.gateway,
      token,
      'GET',
      `/me/scorecards/${PERIOD}`,
    );
    expect(mine.body.review_status).toBe('in_review');
    expect(mine.body.disputes).toEqual([
      expect.objectContaining({ status: 'resolved', resolution: `${record} removed from the count` }),
    ]);
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
    const departments = await heatmap.getByRole('rowheader').allInnerTexts();
    expect(departments.length).toBeGreaterThan(0);
    for (const d of departments) expect(DEPARTMENTS.map((x) => x.name)).toContain(d);
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
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    await page.getByRole('cell', { name: agent.name }).first().waitFor();
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

  it('exec: lands on the executive overview with the organisation over time', async () => {
    await signIn(page, stack.gateway, TENANT, 'exec');
    await page.getByRole('heading', { name: 'Executive overview', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/exec');
    expect(await page.getByRole('navigation', { name: 'Main' }).innerText()).not.toContain('Organisation');
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    const exec = await devToken(stack.gateway, TENANT, ['exec']);
    const heat = await api<{ cells: { row: string; row_name: string; col: string; avg_score: number }[] }>(
      stack.gateway,
      exec,
      'GET',
      '/reports/heatmap?rows=department&cols=period',
    );
    const cell = heat.body.cells.find((c) => c.col === PERIOD)!;
    const figure = page.getByRole('figure', { name: 'Average score, Department × period' });
    // Departments by the name HR gave them, never by id.
    expect(cell.row_name).toBe(DEPARTMENTS.find((d) => d.id === cell.row)?.name);
    const shown = figure
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: cell.row_name, exact: true }) });
    await shown.waitFor();
    expect(await shown.locator('td[style*="background"]').allInnerTexts()).toContain(
      cell.avg_score.toFixed(0),
    );
    await page.getByRole('heading', { name: 'Rating distribution' }).waitFor();
    await page.getByRole('heading', { name: 'Leaderboard (top 10)' }).waitFor();
    // HR finalized it in the previous test; compute hears of it through Kafka.
    await waitFor(
      async () => {
        const r = await api<{ periods: { id: string; status: string }[] }>(
          stack.gateway,
          exec,
          'GET',
          '/performance/periods',
        );
        return r.body.periods.find((p) => p.id === PERIOD)?.status === 'finalized' || undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, message: `${PERIOD} finalized in compute` },
    );
    await page.reload();
    await page.getByRole('combobox', { name: /^Period/ }).selectOption(PERIOD);
    await page.getByText(/September 2026 is finalized/).waitFor();
    await screenshot(page, 'exec');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'exec-phone');
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
    // Ten points moved from timeliness to productivity, whatever the seeded weights are.
    const productivity = page.getByLabel('Weight of productivity');
    const timeliness = page.getByLabel('Weight of timeliness');
    await productivity.waitFor();
    await expect(sum.innerText()).resolves.toBe('100.00');
    const [p0, t0] = [Number(await productivity.inputValue()), Number(await timeliness.inputValue())];
    await productivity.fill(String(p0 + 10));
    await expect(sum.innerText()).resolves.toBe('110.00');
    const publish = page.getByRole('button', { name: /^Publish as version/ });
    expect(await publish.isDisabled()).toBe(true);
    await timeliness.fill(String(t0 - 10));
    await expect(sum.innerText()).resolves.toBe('100.00');
    await publish.click();
    await page.getByText('Published version 2.').waitFor();
    await screenshot(page, 'admin-template');
  });
});
