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

// A care team leader reviews a support worker in chromium, against the real services: the generated
// tenant's care data (shifts, notes, training …) scored through the seeded library alone.

const TENANT = 'e2e-care';
const PERIOD = PERIODS[1] as string;
let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let leader: Person;
let worker: Person;
let team: Person[];

interface ReviewKpi {
  kpi_id: string;
  slug: string;
  name: string;
  actual_value: number | null;
  score: number | null;
}

const steady = (p: Person) => p.exitedMs === undefined && p.transfer === undefined;

beforeAll(async () => {
  ensureChromium();
  ensureWebBuild();
  stack = await bootStack(TENANT);
  browser = await launchBrowser();
  // A care team leader with a support worker who stays on the team the whole window.
  const care = stack.people.filter((p) => p.departmentId === 'dep-community-care' && steady(p));
  worker = care.find(
    (w) =>
      w.roleGroup === 'support_workers' &&
      care.some((l) => l.id === w.managerId && l.roleGroup === 'team_leaders'),
  ) as Person;
  leader = care.find((l) => l.id === worker.managerId) as Person;
  team = care.filter((p) => p.managerId === leader.id);
  const hr = await devToken(stack.gateway, TENANT, ['hr']);
  await waitFor(
    async () => {
      const r = await api<{ items: { employee_id: string; total_score: number | null }[] }>(
        stack.gateway,
        hr,
        'GET',
        `/review/scorecards?period_id=${PERIOD}`,
      );
      return r.body.items?.some((s) => s.employee_id === worker.id && s.total_score !== null) || undefined;
    },
    { timeoutMs: 180_000, intervalMs: 1_000, message: `${worker.id}'s care scorecard in review` },
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

const reloadCard = async () => {
  await page.reload();
  await page.getByRole('heading', { name: 'KPI breakdown' }).waitFor();
};

/** The breakdown row of a KPI and its Actual cell. */
const kpiRow = (name: string) => page.getByRole('row').filter({ hasText: name }).first();
const actualOf = async (name: string) => (await kpiRow(name).getByRole('cell').nth(1).innerText()).trim();

describe('a care team leader reviewing a support worker', () => {
  it('sees the team by name, opens a care scorecard scored from shifts, records a measurement, an override with a reason and a note, and sees them', async () => {
    expect(team.length).toBeGreaterThan(1);
    await signIn(page, stack.gateway, TENANT, 'manager', leader.id);
    await page.getByRole('heading', { name: 'My team', level: 1 }).waitFor();
    await expect(page.locator('header .who').innerText()).resolves.toContain(leader.name);

    // Opens on the newest period with scores, and lists every report by name with their role.
    await page.getByTestId('team-member').filter({ hasText: worker.name }).waitFor();
    expect(await page.getByRole('combobox', { name: /^Period/ }).inputValue()).toBe(PERIOD);
    const rows = await page.getByTestId('team-member').allInnerTexts();
    for (const p of team) expect(rows.some((r) => r.startsWith(p.name))).toBe(true);
    expect(rows.filter((r) => /^emp-/.test(r))).toEqual([]);
    const workerRow = page.getByTestId('team-member').filter({ hasText: worker.name });
    expect(await workerRow.innerText()).toContain(worker.role);
    await screenshot(page, 'care-team');

    await workerRow.getByRole('button', { name: `Review ${worker.name}` }).click();
    await page.getByRole('heading', { name: `${worker.name} · September 2026`, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'KPI breakdown' }).waitFor();

    // Attendance is measured from the care shifts: the page shows what review holds (read again
    // until both agree: compute may still be scoring the work ingested moments ago).
    const token = await devToken(stack.gateway, TENANT, ['manager'], leader.id);
    const cardId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    let kpis: ReviewKpi[] = [];
    const attendanceOnPage = async () => {
      const card = await api<{ kras: { kpis: ReviewKpi[] }[] }>(
        stack.gateway,
        token,
        'GET',
        `/review/scorecards/${encodeURIComponent(cardId)}`,
      );
      kpis = card.body.kras.flatMap((k) => k.kpis);
      const stored = kpis.find((k) => k.slug === 'attendance-reliability');
      if (typeof stored?.actual_value !== 'number') return undefined;
      if ((await actualOf(stored.name)) === stored.actual_value.toFixed(2)) return stored;
      await reloadCard();
      return undefined;
    };
    const attendance = await waitFor(attendanceOnPage, {
      timeoutMs: 90_000,
      intervalMs: 1_000,
      message: 'attendance on the page = attendance in review',
    });
    expect(attendance.actual_value).toBeGreaterThan(0);
    expect(attendance.actual_value).toBeLessThanOrEqual(100);
    expect(await kpiRow(attendance.name).innerText()).toContain('measured from records');

    // The code-of-conduct rubric is measured through the journal: the measurement is recorded there.
    const conduct = kpis.find((k) => k.slug === 'code-of-conduct-culture') as ReviewKpi;
    expect(await actualOf(conduct.name)).toBe('—');
    await page.getByLabel('Kind').selectOption({ label: 'Record a KPI measurement' });
    await page.getByRole('combobox', { name: /^KPI/ }).selectOption({ label: conduct.name });
    await page.getByLabel('Measured value').fill('80');
    await page.getByLabel('Title').fill('Rubric after two observed shifts');
    await page.getByRole('button', { name: 'Add to journal' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Rubric after two observed shifts' })
      .getByText('measured 80.0')
      .waitFor();

    // An override with a reason changes the total at once and says why on the KPI.
    const total = page.getByLabel('Total score');
    const before = await total.innerText();
    const override = (attendance.score ?? 0) >= 95 ? '80' : '100';
    await page.getByLabel('What to override').selectOption(`kpi:${attendance.kpi_id}`);
    await page.getByLabel(/^New score/).fill(override);
    await page.getByLabel(/^Reason/).fill('two shifts swapped at the provider’s request');
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.getByText(/Override saved; the total is now/).waitFor();
    await kpiRow(attendance.name)
      .getByText(/overridden from .*two shifts swapped/)
      .waitFor();
    expect(await total.innerText()).not.toBe(before);

    await page.getByLabel('Add a note').fill('Reliable on the weekend roster; talk through handovers.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page
      .getByRole('list', { name: 'Review notes' })
      .getByText('Reliable on the weekend roster; talk through handovers.')
      .waitFor();
    await screenshot(page, 'care-review');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'care-review-phone');
  });
});
