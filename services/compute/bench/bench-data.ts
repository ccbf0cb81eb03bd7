import type { DataSource } from 'typeorm';
import { inTransaction } from '@scorecard/db';
import { storeConfig } from '../src/adapters/postgres/config-store';

export const TENANT = 'bench';
export const PEOPLE = 10_000;
/** Every third person (e00000, e00003, …) is a care worker: 3,334 people with shifts and training. */
export const CARE_WORKERS = Math.ceil(PEOPLE / 3);

/**
 * Loads the compute bench population straight into the fact tables with INSERT … SELECT
 * generate_series (going through Kafka would measure the consumer, which the `facts` bench does):
 * 10,000 people in teams of 10 and 2,000,000 record versions in November 2026, about 5% of them
 * just outside the month:
 *   tickets 850,000 records + 150,000 reassignments (half after closing: no credit move) = 1,000,000
 *   work orders 500,000 · incidents 250,000 · deals 150,000 · invoices 100,000
 * and, for the care workers (every third person, role group support_workers), 66,680 shifts (20
 * each: completed on time or late, missed, cancelled by the worker with or without notice, cancelled
 * by the provider) and 6,668 training records (2 each, most mandatory, some completed late or not).
 * Validity intervals are written as the consumer would derive them.
 */
export async function loadFacts(ds: DataSource): Promise<number> {
  const month = `timestamptz '2026-11-01T00:00:00Z'`;
  // Spread over 31.5 days: the last 1.5 days are December (outside the period).
  const at = (mult: number) => `${month} + ((i::bigint * ${mult}) % 2721600) * interval '1 second'`;
  const person = (mult: number) => `'e' || lpad(((i::bigint * ${mult}) % ${PEOPLE})::text, 5, '0')`;
  const team = (mult: number) => `'team-' || (((i::bigint * ${mult}) % ${PEOPLE}) / 10)::text`;
  const careWorker = `'e' || lpad(((i % ${CARE_WORKERS}) * 3)::text, 5, '0')`;
  const careTeam = `'team-' || (((i % ${CARE_WORKERS}) * 3) / 10)::text`;
  const statements = [
    `INSERT INTO people (tenant_id, employee_id, name, team_id, role_group, status, hired_at, version)
     SELECT '${TENANT}', 'e' || lpad(i::text, 5, '0'), 'Person ' || i, 'team-' || (i / 10),
            CASE WHEN i % 3 = 0 THEN 'support_workers' ELSE 'ops' END, 'active', '2020-01-01', 1
     FROM generate_series(0, ${PEOPLE - 1}) i`,
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'hr', 'employee', employee_id, 1, 'upsert', '2020-01-01',
            jsonb_build_object('team_id', team_id, 'role_group', role_group, 'status', 'active'), 'hr-' || employee_id
     FROM people WHERE tenant_id = '${TENANT}'`,
    // Shifts: 1 in 20 missed, 1 in 25 cancelled by the worker (half at late notice), 1 in 30 cancelled
    // by the provider, the rest completed with a clock-in from 3 minutes early to 9 minutes late.
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'care', 'shift', 's' || i, 1, 'upsert', start_at,
            jsonb_build_object('worker_id', ${careWorker}, 'team_id', ${careTeam}, 'client_id', 'c' || (i % 997),
              'status', status, 'scheduled_start', start_at, 'scheduled_end', start_at + interval '8 hours',
              'late_notice', status = 'cancelled_by_worker' AND i % 2 = 0)
              || CASE WHEN status = 'completed' THEN jsonb_build_object('actual_start', start_at + ((i % 13) - 3) * interval '1 minute')
                      ELSE '{}'::jsonb END,
            'sh-' || i
     FROM (SELECT i, ${at(86969)} AS start_at,
                  CASE WHEN i % 20 = 0 THEN 'missed' WHEN i % 25 = 1 THEN 'cancelled_by_worker'
                       WHEN i % 30 = 2 THEN 'cancelled_by_provider' ELSE 'completed' END AS status
           FROM generate_series(1, ${CARE_WORKERS * 20}) i) s`,
    // Training: 3 in 4 mandatory; due in the month; completed from a week early to 2 days late, 1 in 9 not yet.
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'learning', 'training_record', 'tr' || i, 1, 'upsert', due_at,
            jsonb_build_object('employee_id', ${careWorker}, 'module', 'module-' || (i % 7), 'mandatory', i % 4 <> 0,
              'due_at', due_at)
              || CASE WHEN i % 9 = 0 THEN '{}'::jsonb
                      ELSE jsonb_build_object('completed_at', due_at + ((i % 10) - 7) * interval '1 day') END,
            'tr-' || i
     FROM (SELECT i, ${at(1299709)} AS due_at FROM generate_series(1, ${CARE_WORKERS * 2}) i) s`,
    // Tickets: one version each; the first 150,000 get a second version with another assignee,
    // for even i two days after closing (credit stays), for odd i an hour before (credit moves).
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id, valid_from, valid_to, is_latest)
     SELECT '${TENANT}', 'ticketing', 'ticket', 't' || i, 1, 'upsert', closed_at,
            jsonb_build_object('status', CASE WHEN i % 10 = 0 THEN 'resolved' ELSE 'closed' END,
              'priority', (ARRAY['low','medium','high','urgent'])[1 + i % 4],
              'created_at', closed_at - ((i % 72) + 1) * interval '1 hour', 'closed_at', closed_at,
              'assigned_to', ${person(7919)}, 'team_id', ${team(7919)}, 'csat', 1 + i % 5,
              'sla_breached', i % 7 = 0, 'reopened_count', i % 3),
            'tk-' || i, '-infinity',
            CASE WHEN i > 150000 THEN 'infinity'::timestamptz WHEN i % 2 = 0 THEN closed_at + interval '2 days' ELSE closed_at - interval '1 hour' END,
            i > 150000
     FROM (SELECT i, ${at(104729)} AS closed_at FROM generate_series(1, 850000) i) s`,
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id, valid_from, valid_to, is_latest)
     SELECT tenant_id, source, entity, entity_id, 2, 'upsert', valid_to,
            data || jsonb_build_object('assigned_to', 'e' || lpad(((substr(entity_id, 2)::bigint * 31) % ${PEOPLE})::text, 5, '0')),
            event_id || '-2', valid_to, 'infinity', true
     FROM source_facts WHERE tenant_id = '${TENANT}' AND entity = 'ticket' AND version = 1 AND NOT is_latest`,
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'field_service', 'work_order', 'w' || i, 1, 'upsert', done_at,
            jsonb_build_object('status', CASE WHEN i % 20 = 0 THEN 'failed' ELSE 'completed' END,
              'technician_id', ${person(6007)}, 'team_id', ${team(6007)},
              'travel_started_at', done_at - interval '3 hours', 'arrived_at', done_at - interval '3 hours' + ((i % 90) + 10) * interval '1 minute',
              'completed_at', done_at, 'first_time_fix', i % 6 <> 0, 'customer_rating', 1 + i % 5),
            'wo-' || i
     FROM (SELECT i, ${at(15485863)} AS done_at FROM generate_series(1, 500000) i) s`,
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'noc', 'incident', 'n' || i, 1, 'upsert', resolved_at,
            jsonb_build_object('severity', (ARRAY['info','minor','major','critical'])[1 + i % 4], 'assigned_to', ${person(4001)},
              'team_id', ${team(4001)}, 'started_at', resolved_at - ((i % 300) + 5) * interval '1 minute',
              'resolved_at', resolved_at, 'false_positive', i % 20 = 0, 'status', 'resolved'),
            'in-' || i
     FROM (SELECT i, ${at(32452843)} AS resolved_at FROM generate_series(1, 250000) i) s`,
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'crm', 'deal', 'd' || i, 1, 'upsert', closed_at,
            jsonb_build_object('owner_id', ${person(3001)}, 'closed_at', closed_at, 'won', i % 3 = 0,
              'status', CASE WHEN i % 3 = 0 THEN 'won' ELSE 'lost' END, 'amount', 1000 + (i % 50) * 250),
            'dl-' || i
     FROM (SELECT i, ${at(49979687)} AS closed_at FROM generate_series(1, 150000) i) s`,
    `INSERT INTO source_facts (tenant_id, source, entity, entity_id, version, op, occurred_at, data, event_id)
     SELECT '${TENANT}', 'finance', 'invoice', 'v' || i, 1, 'upsert', issued_at,
            jsonb_build_object('created_by', ${person(2003)}, 'issued_at', issued_at, 'corrected', i % 10 = 0,
              'status', 'issued', 'amount', 100 + i % 900),
            'iv-' || i
     FROM (SELECT i, ${at(67867967)} AS issued_at FROM generate_series(1, 100000) i) s`,
    // Fact links as the consumer records them (every person / team field of every version).
    `INSERT INTO fact_links (tenant_id, source, entity, kind, ref_id, entity_id)
     SELECT DISTINCT f.tenant_id, f.source, f.entity, CASE WHEN j.key = 'team_id' THEN 'team' ELSE 'person' END, j.value, f.entity_id
     FROM source_facts f CROSS JOIN LATERAL jsonb_each_text(f.data) j
     WHERE f.tenant_id = '${TENANT}' AND f.source <> 'hr'
       AND j.key IN ('assigned_to', 'technician_id', 'owner_id', 'created_by', 'team_id', 'worker_id', 'employee_id')`,
    `ANALYZE fact_links`,
    `ANALYZE source_facts`,
    `ANALYZE people`,
  ];
  for (const sql of statements) await ds.query(sql);
  const [row] = await ds.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM source_facts WHERE tenant_id = $1 AND source <> 'hr'`,
    [TENANT],
  );
  return row?.n ?? 0;
}

const closed = [{ field: 'status', op: 'eq', value: 'closed' }];
const completed = [{ field: 'status', op: 'eq', value: 'completed' }];
const ticket = {
  source: { domain: 'ticketing', entity: 'ticket' },
  time_field: 'closed_at',
  ownership: { rule: 'assigned_to' },
  filter: closed,
};
const workOrder = {
  source: { domain: 'field_service', entity: 'work_order' },
  time_field: 'completed_at',
  ownership: { rule: 'technician_id' },
  filter: completed,
};
const incident = {
  source: { domain: 'noc', entity: 'incident' },
  time_field: 'resolved_at',
  ownership: { rule: 'assigned_to' },
  filter: [{ field: 'false_positive', op: 'eq', value: false }],
};
const deal = {
  source: { domain: 'crm', entity: 'deal' },
  time_field: 'closed_at',
  ownership: { rule: 'custom', field: 'owner_id' },
  filter: [{ field: 'won', op: 'eq', value: true }],
};
const invoice = {
  source: { domain: 'finance', entity: 'invoice' },
  time_field: 'issued_at',
  ownership: { rule: 'created_by' },
  filter: [],
};

/** 20 KPIs in 4 KRAs, every aggregation kind, ratios, a team rule, a guardrail. */
export const KPIS: { id: string; target: number; direction?: string; binding: Record<string, unknown> }[] = [
  { id: 'tk_closed', target: 80, binding: { ...ticket, aggregation: { fn: 'count' } } },
  { id: 'tk_csat', target: 4.5, binding: { ...ticket, aggregation: { fn: 'avg', field: 'csat' } } },
  {
    id: 'tk_hours',
    target: 24,
    direction: 'lower_is_better',
    binding: {
      ...ticket,
      aggregation: { fn: 'avg', duration: { from: 'created_at', to: 'closed_at', unit: 'hours' } },
    },
  },
  {
    id: 'tk_p90_hours',
    target: 48,
    direction: 'lower_is_better',
    binding: {
      ...ticket,
      aggregation: {
        fn: 'percentile',
        p: 0.9,
        duration: { from: 'created_at', to: 'closed_at', unit: 'hours' },
      },
    },
  },
  {
    id: 'tk_sla',
    target: 95,
    binding: {
      ...ticket,
      aggregation: { fn: 'ratio' },
      formula: {
        numerator: {
          filter: [{ field: 'sla_breached', op: 'eq', value: false }],
          aggregation: { fn: 'count' },
        },
        denominator: { aggregation: { fn: 'count' } },
        scale: 100,
      },
    },
  },
  {
    id: 'tk_reopened',
    target: 10,
    direction: 'lower_is_better',
    binding: { ...ticket, aggregation: { fn: 'sum', field: 'reopened_count' } },
  },
  {
    id: 'tk_urgent',
    target: 40,
    binding: {
      ...ticket,
      filter: [...closed, { field: 'priority', op: 'in', value: ['high', 'urgent'] }],
      aggregation: { fn: 'count' },
    },
  },
  {
    id: 'tk_team',
    target: 800,
    binding: { ...ticket, ownership: { rule: 'team' }, aggregation: { fn: 'count' } },
  },
  { id: 'wo_done', target: 50, binding: { ...workOrder, aggregation: { fn: 'count' } } },
  {
    id: 'wo_rating',
    target: 4.5,
    binding: { ...workOrder, aggregation: { fn: 'avg', field: 'customer_rating' } },
  },
  {
    id: 'wo_ftf',
    target: 85,
    binding: {
      ...workOrder,
      aggregation: { fn: 'ratio' },
      formula: {
        numerator: {
          filter: [{ field: 'first_time_fix', op: 'eq', value: true }],
          aggregation: { fn: 'count' },
        },
        denominator: { aggregation: { fn: 'count' } },
        scale: 100,
      },
    },
  },
  {
    id: 'wo_arrival',
    target: 45,
    direction: 'lower_is_better',
    binding: {
      ...workOrder,
      aggregation: { fn: 'avg', duration: { from: 'travel_started_at', to: 'arrived_at', unit: 'minutes' } },
    },
  },
  {
    id: 'wo_rating_p50',
    target: 4,
    binding: { ...workOrder, aggregation: { fn: 'percentile', field: 'customer_rating', p: 0.5 } },
  },
  { id: 'in_resolved', target: 25, binding: { ...incident, aggregation: { fn: 'count' } } },
  {
    id: 'in_mttr',
    target: 120,
    direction: 'lower_is_better',
    binding: {
      ...incident,
      aggregation: { fn: 'avg', duration: { from: 'started_at', to: 'resolved_at', unit: 'minutes' } },
    },
  },
  {
    id: 'in_major',
    target: 10,
    binding: {
      ...incident,
      filter: [...incident.filter, { field: 'severity', op: 'in', value: ['major', 'critical'] }],
      aggregation: { fn: 'count' },
    },
  },
  { id: 'dl_won', target: 5, binding: { ...deal, aggregation: { fn: 'count' } } },
  { id: 'dl_amount', target: 40000, binding: { ...deal, aggregation: { fn: 'sum', field: 'amount' } } },
  { id: 'iv_issued', target: 10, binding: { ...invoice, aggregation: { fn: 'count' } } },
  {
    id: 'iv_clean',
    target: 95,
    binding: {
      ...invoice,
      aggregation: { fn: 'ratio' },
      formula: {
        numerator: { filter: [{ field: 'corrected', op: 'eq', value: false }], aggregation: { fn: 'count' } },
        denominator: { aggregation: { fn: 'count' } },
        scale: 100,
      },
    },
  },
];

const shift = {
  source: { domain: 'care', entity: 'shift' },
  time_field: 'scheduled_start',
  ownership: { rule: 'custom', field: 'worker_id' },
  filter: [{ field: 'status', op: 'in', value: { setting: 'attendance_rostered_statuses' } }],
  aggregation: { fn: 'ratio' },
};
const share = (...filter: unknown[]) => ({
  numerator: { filter, aggregation: { fn: 'count' } },
  denominator: { aggregation: { fn: 'count' } },
  scale: 100,
});

/** The care workers' template: the seeded library's attendance, coverage and training bindings. */
export const CARE_KPIS: typeof KPIS = [
  {
    id: 'care_attendance',
    target: 98,
    binding: {
      ...shift,
      formula: share(
        { field: 'status', op: 'eq', value: 'completed' },
        {
          duration: { from: 'scheduled_start', to: 'actual_start', unit: 'minutes' },
          op: 'lte',
          value: { setting: 'on_time_grace_minutes' },
        },
      ),
    },
  },
  {
    id: 'care_coverage',
    target: 85,
    binding: {
      ...shift,
      formula: share(
        { field: 'status', op: 'neq', value: 'missed' },
        { field: 'late_notice', op: 'neq', value: true },
      ),
    },
  },
  {
    id: 'care_training',
    target: 100,
    binding: {
      source: { domain: 'learning', entity: 'training_record' },
      time_field: 'due_at',
      ownership: { rule: 'custom', field: 'employee_id' },
      filter: [{ field: 'mandatory', op: 'eq', value: true }],
      aggregation: { fn: 'ratio' },
      formula: share({ duration: { from: 'due_at', to: 'completed_at', unit: 'days' }, op: 'lte', value: 0 }),
    },
  },
];

export async function loadConfig(ds: DataSource): Promise<void> {
  const entities: { type: string; id: string; state: unknown }[] = [
    ...[...KPIS, ...CARE_KPIS].map((k) => ({
      type: 'kpi',
      id: k.id,
      state: {
        slug: k.id,
        name: k.id,
        category: 'operational',
        direction: k.direction ?? 'higher_is_better',
        target: k.target,
        scoring_method: 'linear',
        weight_default: 1,
        evaluation_frequency: 'monthly',
      },
    })),
    ...[...KPIS, ...CARE_KPIS].map((k) => ({
      type: 'binding',
      id: `b_${k.id}`,
      state: { id: `b_${k.id}`, kpi_id: k.id, ...k.binding },
    })),
    ...[0, 1, 2, 3].map((j) => ({ type: 'kra', id: `kra${j}`, state: { name: `KRA ${j}` } })),
    {
      type: 'template_version',
      id: 'tpl-ops',
      state: {
        template_id: 'tpl-ops',
        version: 1,
        name: 'Operations',
        scope: { role_group: 'ops' },
        effective_from: '2026-01-01',
        kras: [0, 1, 2, 3].map((j) => ({
          kra_id: `kra${j}`,
          weight: 25,
          kpis: KPIS.slice(j * 5, j * 5 + 5).map((k) => ({ kpi_id: k.id })),
        })),
        guardrails: [{ primary_kpi_ids: ['tk_closed'], guardrail_kpi_ids: ['tk_csat'], min_score: 60 }],
      },
    },
    { type: 'kra', id: 'kra-care', state: { name: 'Care' } },
    {
      type: 'template_version',
      id: 'tpl-care',
      state: {
        template_id: 'tpl-care',
        version: 1,
        name: 'Support workers',
        scope: { role_group: 'support_workers' },
        effective_from: '2026-01-01',
        kras: [{ kra_id: 'kra-care', weight: 100, kpis: CARE_KPIS.map((k) => ({ kpi_id: k.id })) }],
        guardrails: [],
      },
    },
  ];
  for (const e of entities)
    await inTransaction(ds, (em) =>
      storeConfig(em, {
        tenantId: TENANT,
        entityType: e.type,
        entityId: e.id,
        version: 1,
        active: true,
        state: e.state,
        changedAt: '2026-01-01T00:00:00Z',
      }),
    );
}
