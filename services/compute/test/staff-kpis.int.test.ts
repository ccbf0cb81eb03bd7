import type { DataSource } from 'typeorm';
import { createSerde, ReviewChanged_Change, type TopicMessageInit } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import {
  createKafka,
  createProducer,
  runConsumer,
  type Producer,
  type RunningConsumer,
} from '@scorecard/kafka';
import { createLogger } from '@scorecard/telemetry';
import {
  createTopics,
  freshDatabase,
  kafkaBrokers,
  requireEnv,
  uniqueTopicPrefix,
  waitFor,
  type FreshDatabase,
} from '@scorecard/testkit';
import { openPeriod } from '../src/app/open-period';
import { startDirtyWorker } from '../src/app/recompute-dirty';
import { recordReviewChange } from '../src/app/record-review-change';
import { executeRun } from '../src/app/run-compute';
import type { PollingWorker } from '../src/app/polling-worker';
import { claimRun, requestRun } from '../src/adapters/postgres/runs-store';
import { readResult } from '../src/adapters/postgres/results-store';
import { employee, fact, kpi, openComputeDb, record, seedConfig, ticketBinding } from './fixtures';

// Staff KPIs and journal entries reach compute over Kafka (scorecard.review.changed.v1, as review
// publishes them) and put KPIs on a person's scorecard without a template; a journal score is the
// KPI's measured value, with the effort blend; the dirty worker rescores within seconds.

const logger = createLogger({ service: 'compute-staff-kpi-test', level: 'silent' });
const now = () => new Date();
const TENANT = 'care';
const PERIOD = 'monthly:2026-11';
let db: FreshDatabase;
let ds: DataSource;
let producer: Producer;
let consumer: RunningConsumer;
let worker: PollingWorker;

type ReviewChangedInit = TopicMessageInit<'scorecard.review.changed.v1'>;

const publish = (employeeId: string, message: Omit<ReviewChangedInit, 'tenantId' | 'employeeId'>) =>
  producer.publish('scorecard.review.changed.v1', [
    { key: employeeId, message: { tenantId: TENANT, employeeId, ...message } as ReviewChangedInit },
  ]);

const assignment = (
  staffKpiId: string,
  kpiId: string,
  over: Partial<NonNullable<ReviewChangedInit['staffKpi']>> = {},
  changedAt = '2026-11-02T00:00:00Z',
) => ({
  change: ReviewChanged_Change.STAFF_KPI_CHANGED,
  changedAt,
  staffKpi: {
    staffKpiId,
    kpiId,
    source: 'template',
    contractId: 'c-1',
    contractTemplateId: 'ct-support_workers',
    status: 'active',
    activeFrom: '2026-10-01T00:00:00Z',
    activeTo: '',
    isRequired: true,
    ...over,
  },
});

const result = (employeeId: string) => readResult(ds.manager, TENANT, PERIOD, employeeId);
const kpiOf = (r: Awaited<ReturnType<typeof result>>, id: string) =>
  r?.kras.flatMap((k) => k.kpis).find((k) => k.kpi_id === id);

beforeAll(async () => {
  db = await freshDatabase();
  ds = await openComputeDb(db.url);
  const prefix = uniqueTopicPrefix();
  await createTopics(kafkaBrokers(), [
    `${prefix}scorecard.review.changed.v1`,
    `${prefix}scorecard.review.changed.v1.dlq`,
  ]);
  const kafka = createKafka({
    brokers: kafkaBrokers(),
    clientId: 'compute-test',
    logger,
    topicPrefix: prefix,
  });
  const serde = createSerde({ registryUrl: requireEnv('SCHEMA_REGISTRY_URL'), topicPrefix: prefix });
  producer = await createProducer(kafka, { serde, service: 'review-test' });
  // As compute's main wires it.
  consumer = await runConsumer({
    kafka,
    serde,
    logger,
    ds,
    schema: 'compute',
    groupId: `${prefix}compute.review`,
    topics: ['scorecard.review.changed.v1'],
    handler: (msg, em) => recordReviewChange(msg, em),
  });
  await consumer.joined;

  // Coaching KPIs (0–100 score scale) without a template for the role group: attendance is bound
  // (closed tickets stand in for worked shifts), conduct is manual (journal), safety has a floor.
  await seedConfig(ds, TENANT, [
    kpi('attendance', { category: 'operational', target: 4 }),
    ticketBinding('b-attendance', 'attendance'),
    kpi('conduct', {
      category: 'culture',
      target: 80,
      effort_weight: 0.3,
      target_score: 80,
      minimum_score: 60,
      automation_status: 'manual',
    }),
  ]);
  await record(ds, [
    employee(TENANT, 'sam', { role_group: 'support_workers' }),
    employee(TENANT, 'lee', { role_group: 'support_workers' }),
    employee(TENANT, 'kim', { role_group: 'support_workers', status: 'on_leave' }),
    ...['S1', 'S2', 'S3'].map((id, i) =>
      fact(TENANT, id, 1, `2026-11-0${i + 3}T09:00:00Z`, {
        status: 'closed',
        closed_at: `2026-11-0${i + 3}T09:00:00Z`,
        assigned_to: 'sam',
      }),
    ),
  ]);
  await inTransaction(ds, (em) => openPeriod(em, TENANT, 'monthly', '2026-11-01', 'UTC'));
  await inTransaction(ds, (em) => em.query(`DELETE FROM dirty_scores`));
  worker = startDirtyWorker(ds, { limit: 100, pollMs: 100, now, logger });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await consumer?.stop();
  await producer?.disconnect();
  await ds?.destroy();
  await db?.drop();
});

describe('compute: staff KPIs from review', () => {
  it('a person without a template gets a scorecard of their staff KPIs, by category, with origins', async () => {
    await publish('sam', assignment('sk-att', 'attendance', { customTarget: 3, weight: 2 }));
    await publish(
      'sam',
      assignment('sk-con', 'conduct', { source: 'manual', contractId: '', contractTemplateId: '' }),
    );
    const r = await waitFor(async () => {
      const got = await result('sam');
      // Both assignments scored (results are read row family by row family, so wait for both).
      return got?.kras.length === 2 && (got.staff_kpis as unknown[]).length === 2 ? got : null;
    });
    expect(r.template).toBeNull();
    expect(r.status).toBe('provisional');
    expect(r.kras.map((k) => [k.kra_id, k.name, k.weight])).toEqual([
      ['category:culture', 'Culture', 50],
      ['category:operational', 'Operational', 50],
    ]);
    // 3 closed against the custom target 3 → 100; conduct has no journal entry yet → no data.
    expect(kpiOf(r, 'attendance')).toMatchObject({ actual_value: 3, target_value: 3, score: 100, weight: 2 });
    expect(kpiOf(r, 'conduct')).toMatchObject({ status: 'no_data', score: null });
    expect(r.total_score).toBe(100);
    expect((kpiOf(r, 'attendance')?.explanation as { origin: unknown }).origin).toEqual({
      kpi: 'contract_template',
      template: null,
      staff_kpi_id: 'sk-att',
      contract_template_id: 'ct-support_workers',
      target: 'staff_kpi',
      weight: 'staff_kpi',
      actual: { source: 'binding' },
    });
    expect((kpiOf(r, 'conduct')?.explanation as { origin: { kpi: string } }).origin.kpi).toBe('manual');
    expect(r.staff_kpis).toEqual([
      expect.objectContaining({ staff_kpi_id: 'sk-att', kpi_id: 'attendance', custom_target: 3, weight: 2 }),
      expect.objectContaining({ staff_kpi_id: 'sk-con', kpi_id: 'conduct', source: 'manual' }),
    ]);
  });

  it('an approved journal score is the manual KPI’s actual, effort blends in, and the person is rescored within seconds', async () => {
    const started = Date.now();
    await publish('sam', {
      change: ReviewChanged_Change.JOURNAL_RECORDED,
      changedAt: '2026-11-10T00:00:00Z',
      journal: {
        entryId: 'j-effort',
        entryType: 'effort_rating',
        kpiId: 'conduct',
        periodId: PERIOD,
        effortRating: 5,
        authorId: 'mgr',
        recordedAt: '2026-11-10T00:00:00Z',
      },
    });
    await publish('sam', {
      change: ReviewChanged_Change.JOURNAL_RECORDED,
      changedAt: '2026-11-11T00:00:00Z',
      journal: {
        entryId: 'j-adj',
        entryType: 'score_adjustment',
        kpiId: 'conduct',
        periodId: PERIOD,
        scoreAfter: 60,
        authorId: 'lead',
        approvedBy: 'mgr',
        recordedAt: '2026-11-11T00:00:00Z',
      },
    });
    // 60 on target 80 → outcome 75; effort 5 → 100; (1 − 0.3) × 75 + 0.3 × 100 = 82.5 — not an override.
    const conduct = await waitFor(async () => {
      const k = kpiOf(await result('sam'), 'conduct');
      return k?.score === 82.5 ? k : null;
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(conduct).toMatchObject({
      actual_value: 60,
      target_value: 80,
      status: 'scored',
      label: 'exceeding',
    });
    expect(conduct.override).toBeUndefined();
    expect((conduct.explanation as { origin: { actual: unknown } }).origin.actual).toEqual({
      source: 'journal',
      entry: 'journal score_adjustment j-adj',
    });
    // Both category KRAs weigh 50: (82.5 + 100) / 2.
    expect((await result('sam'))?.total_score).toBeCloseTo(91.25, 10);
  });

  it('a deactivation before the period takes the KPI off the scorecard', async () => {
    await publish(
      'sam',
      assignment(
        'sk-att',
        'attendance',
        { status: 'inactive', activeTo: '2026-10-20T00:00:00Z' },
        '2026-11-12T00:00:00Z',
      ),
    );
    const r = await waitFor(async () => {
      const got = await result('sam');
      return got?.kras.length === 1 ? got : null;
    });
    expect(r.kras.map((k) => [k.kra_id, k.weight])).toEqual([['category:culture', 100]]);
    expect(r.total_score).toBeCloseTo(82.5, 10);
  });

  it('a full run gives every active person a result: nothing assigned or on leave is unscored with the reason', async () => {
    const run = await inTransaction(ds, (em) => requestRun(em, TENANT, PERIOD, null, 'api'));
    const claimed = await inTransaction(ds, (em) => claimRun(em, 60_000));
    expect(claimed?.id).toBe(run.id);
    await executeRun(ds, claimed!, { chunkSize: 100, now, logger });
    expect(await result('lee')).toMatchObject({
      status: 'unscored',
      reason: 'no_kpis_assigned',
      template: null,
      total_score: null,
    });
    expect(await result('kim')).toMatchObject({ status: 'unscored', reason: 'on_leave' });
    expect((await result('sam'))?.status).toBe('provisional');
    const events = await ds.query<{ key: string; status: unknown; reason: unknown }[]>(
      `SELECT DISTINCT ON (key) key, payload->'status' AS status, payload->'unscoredReason' AS reason
         FROM outbox WHERE topic = 'scorecard.score.computed.v1' ORDER BY key, id DESC`,
    );
    expect(events.map((e) => [e.key, e.status, e.reason ?? null])).toEqual([
      ['kim', 'UNSCORED', 'on_leave'],
      ['lee', 'UNSCORED', 'no_kpis_assigned'],
      ['sam', 'PROVISIONAL', null],
    ]);
  });
});
