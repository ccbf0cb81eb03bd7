// The seeded library's care bindings, evaluated by compute over crafted care, learning and HR facts,
// against values computed by hand. The bindings are the registry library's own (what a tenant
// receives), compiled and run exactly as a compute run does.
import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { freshDatabase, type FreshDatabase } from '@scorecard/testkit';
import { careBindings } from '../../registry/src/domain/library/care-bindings';
import { evaluateActuals, planValidBindings, queryOn, type ActualsLookup } from '../src/app/evaluate-actuals';
import { previewBinding } from '../src/app/preview-binding';
import { readSettings, updateSettings } from '../src/app/tenant-settings';
import { periodFromId, type Period } from '../src/domain/periods';
import { employee, fact, openComputeDb, record, seedConfig } from './fixtures';

const T = 'care';
const period = periodFromId('monthly:2026-10', 'UTC') as Period;
let db: FreshDatabase;
let ds: DataSource;

const at = (day: string, time = '00:00') => `2026-${day}T${time}:00Z`;
const rec =
  (entity: string, source = 'care') =>
  (id: string, data: Record<string, unknown>) =>
    fact(T, id, 1, '2026-10-01T00:00:00Z', data, { source, entity });
const shift = rec('shift');
const note = rec('progress_note');
const incident = rec('incident');
const feedback = rec('feedback');
const medication = rec('medication');
const training = rec('training_record', 'learning');
const workOrder = rec('work_order', 'field_service');
const invoice = rec('invoice', 'finance');

/** sam's shifts (team t1): rostered = completed, missed or cancelled by the worker. */
const samShifts = [
  ['sh-01', 'completed', '10-01', '08:03', false], // 3 minutes late: on time
  ['sh-02', 'completed', '10-02', '08:05', false], // 5 minutes: on time (≤ grace)
  ['sh-03', 'completed', '10-03', '08:06', false], // 6 minutes: late
  ['sh-04', 'missed', '10-04', null, false],
  ['sh-05', 'cancelled_by_worker', '10-05', null, true], // late notice
  ['sh-06', 'cancelled_by_worker', '10-06', null, false], // with notice
  ['sh-07', 'cancelled_by_provider', '10-07', null, false], // not rostered to the worker
  ['sh-08', 'scheduled', '10-30', null, false], // not yet due
  ['sh-09', 'completed', '09-30', '08:00', false], // September
  ['sh-10', 'completed', '10-08', null, undefined], // completed without a clock-in
] as const;

beforeAll(async () => {
  db = await freshDatabase();
  ds = await openComputeDb(db.url);
  await record(ds, [
    employee(T, 'tia', { role_group: 'team_leaders', team_id: 't1' }),
    employee(T, 'sam', { role_group: 'support_workers', team_id: 't1', manager_id: 'tia' }),
    employee(T, 'lee', { role_group: 'support_workers', team_id: 't1', manager_id: 'tia' }),
    employee(T, 'ned', { role_group: 'support_workers', team_id: 't2' }),
    ...samShifts.map(([id, status, day, clockIn, lateNotice]) =>
      shift(id, {
        worker_id: 'sam',
        team_id: 't1',
        client_id: 'c1',
        status,
        scheduled_start: at(day, '08:00'),
        scheduled_end: at(day, '16:00'),
        ...(clockIn ? { actual_start: at(day, clockIn) } : {}),
        ...(lateNotice === undefined ? {} : { late_notice: lateNotice }),
      }),
    ),
    shift('sh-11', {
      worker_id: 'lee',
      team_id: 't1',
      status: 'completed',
      scheduled_start: at('10-10', '08:00'),
      actual_start: at('10-10', '07:58'),
      late_notice: false,
    }),
    shift('sh-12', {
      worker_id: 'lee',
      team_id: 't1',
      status: 'missed',
      scheduled_start: at('10-11', '08:00'),
      late_notice: false,
    }),
    shift('sh-13', {
      worker_id: 'ned',
      team_id: 't2',
      status: 'completed',
      scheduled_start: at('10-11', '08:00'),
      actual_start: at('10-11', '08:00'),
    }),
    // sam's progress notes (due_at places them; goal-linked notes go by submitted_at).
    note('n-1', {
      author_id: 'sam',
      due_at: at('10-01', '18:00'),
      submitted_at: at('10-01', '17:00'),
      goal_linked: true,
      audit_result: 'pass',
    }),
    note('n-2', {
      author_id: 'sam',
      due_at: at('10-02', '18:00'),
      submitted_at: at('10-02', '19:00'),
      goal_linked: false,
    }),
    note('n-3', {
      author_id: 'sam',
      due_at: at('10-03', '18:00'),
      submitted_at: at('10-03', '18:00'),
      goal_linked: true,
      audit_result: 'fail',
    }),
    note('n-4', { author_id: 'sam', due_at: at('10-04', '18:00') }),
    note('n-5', {
      author_id: 'sam',
      due_at: at('10-05', '18:00'),
      submitted_at: at('10-05', '10:00'),
      goal_linked: true,
    }),
    note('n-6', {
      author_id: 'sam',
      due_at: at('09-30', '18:00'),
      submitted_at: at('10-01', '09:00'),
      goal_linked: false,
    }),
    // Incidents sam reported.
    incident('i-1', {
      reported_by: 'sam',
      occurred_at: at('10-01', '10:00'),
      reported_at: at('10-01', '12:00'),
      reportable: true,
      priority: 'p1',
      status: 'closed',
      closed_at: at('10-20', '10:00'),
    }),
    incident('i-2', {
      reported_by: 'sam',
      occurred_at: at('10-02', '10:00'),
      reported_at: at('10-02', '19:00'),
      reportable: false,
      priority: 'none',
      status: 'closed',
      closed_at: at('11-15', '10:00'),
    }),
    incident('i-3', {
      reported_by: 'sam',
      occurred_at: at('10-03', '10:00'),
      reported_at: at('10-04', '11:00'),
      reportable: true,
      priority: 'p1',
      status: 'open',
    }),
    incident('i-4', {
      reported_by: 'sam',
      occurred_at: at('10-05', '10:00'),
      reported_at: at('10-05', '20:00'),
      reportable: true,
      priority: 'p2',
      status: 'closed',
      closed_at: at('10-06', '10:00'),
    }),
    incident('i-5', {
      reported_by: 'sam',
      occurred_at: at('10-06', '10:00'),
      reported_at: at('10-06', '17:59'),
      reportable: true,
      status: 'investigating',
    }),
    // Feedback about sam.
    feedback('f-1', { about_staff_id: 'sam', kind: 'survey', rating: 5, received_at: at('10-03') }),
    feedback('f-2', { about_staff_id: 'sam', kind: 'survey', rating: 3, received_at: at('10-10') }),
    feedback('f-3', { about_staff_id: 'sam', kind: 'complaint', rating: 1, received_at: at('10-11') }),
    feedback('f-4', { about_staff_id: 'sam', kind: 'survey', received_at: at('10-12') }),
    feedback('f-5', { about_staff_id: 'sam', kind: 'survey', rating: 4, received_at: at('09-29') }),
    // Medication rounds of ena (an enrolled nurse).
    medication('m-1', {
      administered_by: 'ena',
      scheduled_at: at('10-01', '08:00'),
      administered_at: at('10-01', '08:30'),
      outcome: 'given',
    }),
    medication('m-2', {
      administered_by: 'ena',
      scheduled_at: at('10-01', '12:00'),
      administered_at: at('10-01', '13:30'),
      outcome: 'given',
    }),
    medication('m-3', { administered_by: 'ena', scheduled_at: at('10-01', '18:00'), outcome: 'refused' }),
    medication('m-4', { administered_by: 'ena', scheduled_at: at('10-02', '08:00'), outcome: 'missed' }),
    medication('m-5', {
      administered_by: 'ena',
      scheduled_at: at('10-02', '12:00'),
      administered_at: at('10-02', '12:00'),
      outcome: 'error',
    }),
    // sam's training.
    training('t-1', {
      employee_id: 'sam',
      module: 'orientation',
      mandatory: true,
      due_at: at('10-10'),
      completed_at: at('10-09'),
    }),
    training('t-2', {
      employee_id: 'sam',
      module: 'first aid',
      mandatory: true,
      due_at: at('10-15'),
      completed_at: at('10-16'),
    }),
    training('t-3', { employee_id: 'sam', module: 'manual handling', mandatory: true, due_at: at('10-20') }),
    training('t-4', {
      employee_id: 'sam',
      module: 'baking',
      mandatory: false,
      due_at: at('10-05'),
      completed_at: at('10-01'),
    }),
    training('t-5', {
      employee_id: 'sam',
      module: 'infection control',
      mandatory: true,
      due_at: at('11-01'),
    }),
    training('t-6', {
      employee_id: 'sam',
      module: 'ppe',
      mandatory: true,
      due_at: at('10-25'),
      completed_at: at('10-25'),
    }),
    // hana's maintenance work orders; abe's invoices.
    workOrder('w-1', {
      technician_id: 'hana',
      status: 'completed',
      scheduled_at: at('10-01', '08:00'),
      completed_at: at('10-01', '15:00'),
    }),
    workOrder('w-2', {
      technician_id: 'hana',
      status: 'completed',
      scheduled_at: at('10-02', '08:00'),
      completed_at: at('10-04', '08:00'),
    }),
    workOrder('w-3', { technician_id: 'hana', status: 'cancelled', scheduled_at: at('10-02', '09:00') }),
    workOrder('w-4', { technician_id: 'hana', status: 'scheduled', scheduled_at: at('10-03', '08:00') }),
    invoice('v-1', { created_by: 'abe', status: 'issued', issued_at: at('10-01'), corrected: false }),
    invoice('v-2', { created_by: 'abe', status: 'paid', issued_at: at('10-02'), corrected: true }),
    invoice('v-3', { created_by: 'abe', status: 'draft', issued_at: at('10-02') }),
    invoice('v-4', { created_by: 'abe', status: 'issued', issued_at: at('10-03') }),
  ]);
  await seedConfig(
    ds,
    T,
    careBindings().map((b) => ({
      type: 'binding',
      id: b.kpi_id,
      state: b as unknown as Record<string, unknown>,
    })),
  );
});
afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

async function evaluate(): Promise<ActualsLookup> {
  const { plan, rejected } = planValidBindings(careBindings());
  expect(rejected).toEqual([]);
  return evaluateActuals(queryOn(ds), T, period, plan);
}
const value = (actuals: ActualsLookup, who: string, kpi: string) => actuals(who, kpi)?.actual ?? null;

describe('care bindings (tenant defaults)', () => {
  let actuals: ActualsLookup;
  beforeAll(async () => {
    actuals = await evaluate();
  });

  // [KPI, person, hand-computed value, why]
  it.each([
    ['attendance-reliability', 'sam', (100 * 2) / 7, '2 on time (≤ 5 min) of 7 rostered'],
    ['attendance-reliability', 'lee', 50, 'one on time, one missed'],
    ['shift-coverage', 'sam', (100 * 5) / 7, 'all but the no-show and the late-notice cancellation'],
    ['therapy-sessions-delivered', 'sam', (100 * 4) / 7, '4 completed of 7 rostered'],
    ['program-delivered', 'sam', (100 * 4) / 7, 'as therapy sessions'],
    [
      'team-retention-absence',
      'tia',
      (100 * 6) / 9,
      "team t1's 9 rostered shifts, 6 without unplanned absence",
    ],
    ['team-retention-absence', 'sam', (100 * 6) / 9, 'every member of t1 gets the team value'],
    ['open-shifts-filled', 'tia', (100 * 5) / 7, "5 of t1's 7 completed-or-missed shifts went ahead"],
    ['documentation-quality', 'sam', 40, 'n-1, n-5 on time without a failed audit, of 5 due'],
    ['en-documentation-timeliness', 'sam', 60, 'n-1, n-3 (exactly at due), n-5 of 5'],
    ['session-notes-same-day', 'sam', 60, 'as clinical notes on time'],
    ['adl-tasks-documented', 'sam', 80, '4 of 5 due notes written'],
    ['goal-linked-notes', 'sam', 60, '3 goal-linked of 5 submitted in October (n-6 was due in September)'],
    ['same-shift-incident-reports', 'sam', 40, 'i-1 (2 h), i-5 (7 h 59) within 8 h, of 5'],
    [
      'reportable-incidents-on-time',
      'sam',
      (100 * 2) / 3,
      'i-1, i-5 within 24 h; i-3 (25 h) late; p2 and non-reportable aside',
    ],
    ['incident-follow-up', 'sam', 40, 'i-1 (19 days) and i-4 closed within 28 days, of 5 reported'],
    ['participant-family-feedback', 'sam', 80, 'surveys rated 5 and 3: 4 × 20'],
    ['resident-experience', 'sam', 80, 'the same survey average'],
    ['medication-bsp-adherence', 'ena', 60, 'given, given, refused of 5'],
    ['medication-rounds', 'ena', 25, 'm-1 within 60 min, of the 4 not refused'],
    ['whs-safety-compliance', 'sam', 50, 't-1 and t-6 (on the due day) of 4 mandatory due'],
    ['maintenance-requests', 'hana', 100 / 3, 'w-1 within a day, of 3 not cancelled'],
    ['claims-invoice-accuracy', 'abe', (100 * 2) / 3, 'v-1 and v-4 uncorrected, of 3 issued'],
  ])('%s for %s = %d (%s)', (kpi, who, expected) => {
    expect(value(actuals, who, kpi)).toBeCloseTo(expected, 9);
  });

  it('binds every care binding that has records here, and nothing for people without them', () => {
    const measured = careBindings().filter((b) =>
      ['sam', 'tia', 'ena', 'hana', 'abe'].some((p) => actuals(p, b.kpi_id)?.actual != null),
    );
    expect(measured.map((b) => b.kpi_id).sort()).toEqual(
      careBindings()
        .map((b) => b.kpi_id)
        .sort(),
    );
    expect(actuals('ned', 'team-retention-absence')?.actual).toBe(100);
    expect(actuals('ned', 'documentation-quality')?.actual ?? null).toBeNull();
  });

  it('keeps the rostered shifts as evidence of attendance', () => {
    expect(actuals('sam', 'attendance-reliability')).toMatchObject({
      evidenceIds: ['sh-01', 'sh-02', 'sh-03', 'sh-04', 'sh-05', 'sh-06', 'sh-10'],
      evidenceCount: 7,
    });
  });

  it('previews a care binding with its records', async () => {
    const out = await previewBinding(
      ds.manager,
      T,
      'attendance-reliability',
      'sam',
      'monthly:2026-10',
      'UTC',
    );
    expect(out).toMatchObject({
      code: 'ok',
      actual_value: expect.closeTo((100 * 2) / 7, 9) as number,
      evidence_ids: ['sh-01', 'sh-02', 'sh-03', 'sh-04', 'sh-05', 'sh-06', 'sh-10'],
      evidence_count: 7,
    });
  });
});

describe('care bindings follow the tenant settings', () => {
  afterAll(() => ds.query(`DELETE FROM tenant_settings WHERE tenant_id = $1`, [T]));

  it('reads the defaults until the tenant sets a value, then the value', async () => {
    expect(await readSettings(ds.manager, T, 'UTC')).toMatchObject({
      timezone: 'UTC',
      on_time_grace_minutes: 5,
      attendance_rostered_statuses: ['completed', 'missed', 'cancelled_by_worker'],
    });
    await inTransaction(ds, (em) =>
      updateSettings(
        em,
        T,
        { on_time_grace_minutes: 6, attendance_rostered_statuses: ['completed', 'missed'] },
        'UTC',
      ),
    );
    await inTransaction(ds, (em) =>
      updateSettings(em, T, { note_grace_hours: 1, timezone: 'Australia/Sydney' }, 'UTC'),
    );
    expect(await readSettings(ds.manager, T, 'UTC')).toMatchObject({
      timezone: 'Australia/Sydney',
      on_time_grace_minutes: 6,
      note_grace_hours: 1,
      attendance_rostered_statuses: ['completed', 'missed'],
      same_shift_report_hours: 8,
    });
    const actuals = await evaluate();
    // Rostered: sh-01, 02, 03, 04, 10; on time within 6 minutes: sh-01, 02, 03.
    expect(value(actuals, 'sam', 'attendance-reliability')).toBeCloseTo(60, 9);
    // Within an hour of the due time: n-1, n-2, n-5 (n-3 failed its audit) of 5.
    expect(value(actuals, 'sam', 'documentation-quality')).toBeCloseTo(60, 9);
    expect(value(actuals, 'sam', 'same-shift-incident-reports')).toBeCloseTo(40, 9);
  });
});
