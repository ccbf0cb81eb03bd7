// The ISP operations library: KPIs measured from ERP source data, each with a working binding.
import type { Binding, Filter, FormulaSide, Ownership, Source } from '@scorecard/bindings';

interface IspSeed {
  slug: string;
  name: string;
  category: 'productivity' | 'operational' | 'financial' | 'communication' | 'compliance';
  direction: 'higher_is_better' | 'lower_is_better';
  target: number;
  unit: string;
  target_type: 'numeric' | 'percent' | 'duration' | 'count';
  scoring_method: 'linear' | 'capped';
  params?: { cap?: number; floor?: number; ceiling?: number };
  objective: string;
  binding: Omit<Binding, 'kpi_id'>;
}

const ticket: Source = { domain: 'ticketing', entity: 'ticket' };
const workOrder: Source = { domain: 'field_service', entity: 'work_order' };
const incident: Source = { domain: 'noc', entity: 'incident' };
const invoice: Source = { domain: 'finance', entity: 'invoice' };
const deal: Source = { domain: 'crm', entity: 'deal' };

const assignee: Ownership = { rule: 'assigned_to' };
const technician: Ownership = { rule: 'technician_id' };
const creator: Ownership = { rule: 'created_by' };
const dealOwner: Ownership = { rule: 'custom', field: 'owner_id' };

const resolved: Filter = { field: 'status', op: 'in', value: ['resolved', 'closed'] };
const completed: Filter = { field: 'status', op: 'eq', value: 'completed' };
const all: FormulaSide = { aggregation: { fn: 'count' } };
const where = (...filter: Filter[]): FormulaSide => ({ filter, aggregation: { fn: 'count' } });
const minutes = (from: string, to: string) => ({ from, to, unit: 'minutes' as const });

/** A percentage of the records matching `filter` that also match the numerator's conditions. */
const percent = (
  source: Source,
  time_field: string,
  ownership: Ownership,
  filter: Filter[],
  numerator: FormulaSide,
) => ({
  source,
  filter,
  time_field,
  ownership,
  aggregation: { fn: 'ratio' as const },
  formula: { numerator, denominator: all, scale: 100 },
});

export const ISP_KPIS: IspSeed[] = [
  // Helpdesk
  {
    slug: 'tickets-resolved',
    name: 'Tickets resolved',
    category: 'productivity',
    direction: 'higher_is_better',
    target: 150,
    unit: 'tickets',
    target_type: 'count',
    scoring_method: 'capped',
    params: { cap: 1.2 },
    objective: 'Tickets the agent resolved in the period.',
    binding: {
      source: ticket,
      filter: [resolved],
      time_field: 'resolved_at',
      aggregation: { fn: 'count' },
      ownership: assignee,
    },
  },
  {
    slug: 'first-response-time-p90',
    name: 'First response time (p90, minutes)',
    category: 'communication',
    direction: 'lower_is_better',
    target: 240,
    unit: 'minutes',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 720 },
    objective: 'Nine in ten customers hear back within this many minutes.',
    binding: {
      source: ticket,
      time_field: 'first_response_at',
      aggregation: { fn: 'percentile', p: 0.9, duration: minutes('created_at', 'first_response_at') },
      ownership: assignee,
    },
  },
  {
    slug: 'resolution-time',
    name: 'Average resolution time (hours)',
    category: 'operational',
    direction: 'lower_is_better',
    target: 24,
    unit: 'hours',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 120 },
    objective: 'How long resolved tickets took from creation to resolution.',
    binding: {
      source: ticket,
      filter: [resolved],
      time_field: 'resolved_at',
      aggregation: { fn: 'avg', duration: { from: 'created_at', to: 'resolved_at', unit: 'hours' } },
      ownership: assignee,
    },
  },
  {
    slug: 'sla-compliance',
    name: 'SLA compliance',
    category: 'operational',
    direction: 'higher_is_better',
    target: 90,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { floor: 40 },
    objective: 'Share of resolved tickets that met their SLA.',
    binding: percent(
      ticket,
      'resolved_at',
      assignee,
      [resolved],
      where({ field: 'sla_breached', op: 'eq', value: false }),
    ),
  },
  {
    slug: 'reopen-rate',
    name: 'Reopen rate',
    category: 'operational',
    direction: 'lower_is_better',
    target: 5,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { ceiling: 25 },
    objective: 'Share of resolved tickets that had to be reopened.',
    binding: percent(
      ticket,
      'resolved_at',
      assignee,
      [resolved],
      where({ field: 'reopened_count', op: 'gt', value: 0 }),
    ),
  },
  {
    slug: 'csat',
    name: 'Customer satisfaction (1–5)',
    category: 'communication',
    direction: 'higher_is_better',
    target: 4.5,
    unit: 'rating',
    target_type: 'numeric',
    scoring_method: 'linear',
    params: { floor: 1 },
    objective: 'Average customer rating of resolved tickets.',
    binding: {
      source: ticket,
      filter: [resolved, { field: 'csat', op: 'is_null', value: false }],
      time_field: 'resolved_at',
      aggregation: { fn: 'avg', field: 'csat' },
      ownership: assignee,
    },
  },
  // Field service
  {
    slug: 'jobs-completed',
    name: 'Jobs completed',
    category: 'productivity',
    direction: 'higher_is_better',
    target: 85,
    unit: 'jobs',
    target_type: 'count',
    scoring_method: 'capped',
    params: { cap: 1.2 },
    objective: 'Work orders the technician completed.',
    binding: {
      source: workOrder,
      filter: [completed],
      time_field: 'completed_at',
      aggregation: { fn: 'count' },
      ownership: technician,
    },
  },
  {
    slug: 'first-time-fix',
    name: 'First-time fix rate',
    category: 'operational',
    direction: 'higher_is_better',
    target: 92,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { floor: 60 },
    objective: 'Completed jobs fixed on the first visit.',
    binding: percent(
      workOrder,
      'completed_at',
      technician,
      [completed],
      where({ field: 'first_time_fix', op: 'eq', value: true }),
    ),
  },
  {
    slug: 'travel-to-fix-time',
    name: 'Travel-to-fix time (minutes)',
    category: 'operational',
    direction: 'lower_is_better',
    target: 120,
    unit: 'minutes',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 480 },
    objective: 'Average time from setting off to completing the job.',
    binding: {
      source: workOrder,
      filter: [completed],
      time_field: 'completed_at',
      aggregation: { fn: 'avg', duration: minutes('travel_started_at', 'completed_at') },
      ownership: technician,
    },
  },
  {
    slug: 'preventive-maintenance-completion',
    name: 'Preventive maintenance completion',
    category: 'compliance',
    direction: 'higher_is_better',
    target: 95,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { floor: 50 },
    objective: 'Scheduled preventive jobs that were completed.',
    binding: percent(
      workOrder,
      'scheduled_at',
      technician,
      [
        { field: 'type', op: 'in', value: ['preventive', 'maintenance'] },
        { field: 'status', op: 'not_in', value: ['draft', 'cancelled'] },
      ],
      where(completed),
    ),
  },
  {
    // The filter language compares fields with constants, so punctuality is measured as the
    // 90th percentile of minutes from the scheduled time to arrival (early arrivals count as 0 or less).
    slug: 'on-time-arrival',
    name: 'On-time arrival (p90 minutes late)',
    category: 'operational',
    direction: 'lower_is_better',
    target: 20,
    unit: 'minutes',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 120 },
    objective: 'Nine in ten arrivals are no later than this after the scheduled time.',
    binding: {
      source: workOrder,
      time_field: 'arrived_at',
      aggregation: { fn: 'percentile', p: 0.9, duration: minutes('scheduled_at', 'arrived_at') },
      ownership: technician,
    },
  },
  // NOC
  {
    slug: 'uptime',
    name: 'Network uptime',
    category: 'operational',
    direction: 'higher_is_better',
    target: 97,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { floor: 90 },
    objective: 'Average availability of the elements the engineer’s team looks after.',
    binding: {
      source: { domain: 'noc', entity: 'availability_snapshot' },
      time_field: 'snapshot_at',
      aggregation: { fn: 'avg', field: 'uptime_percent' },
      ownership: { rule: 'team' },
    },
  },
  {
    slug: 'outage-count',
    name: 'Outages',
    category: 'operational',
    direction: 'lower_is_better',
    target: 25,
    unit: 'outages',
    target_type: 'count',
    scoring_method: 'linear',
    params: { ceiling: 60 },
    objective: 'Major and critical incidents (false positives excluded) on the team’s network.',
    binding: {
      source: incident,
      filter: [
        { field: 'severity', op: 'in', value: ['major', 'critical'] },
        { field: 'false_positive', op: 'neq', value: true },
      ],
      time_field: 'started_at',
      aggregation: { fn: 'count' },
      ownership: { rule: 'team' },
    },
  },
  {
    slug: 'mean-time-to-detect',
    name: 'Mean time to detect (minutes)',
    category: 'operational',
    direction: 'lower_is_better',
    target: 5,
    unit: 'minutes',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 60 },
    objective: 'Average time from an incident starting to its detection.',
    binding: {
      source: incident,
      time_field: 'detected_at',
      aggregation: { fn: 'avg', duration: minutes('started_at', 'detected_at') },
      ownership: assignee,
    },
  },
  {
    slug: 'mttr',
    name: 'Mean time to restore (minutes)',
    category: 'operational',
    direction: 'lower_is_better',
    target: 180,
    unit: 'minutes',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 720 },
    objective: 'Average time from detection to resolution.',
    binding: {
      source: incident,
      filter: [{ field: 'false_positive', op: 'neq', value: true }],
      time_field: 'resolved_at',
      aggregation: { fn: 'avg', duration: minutes('detected_at', 'resolved_at') },
      ownership: assignee,
    },
  },
  {
    slug: 'false-positive-rate',
    name: 'False-positive rate',
    category: 'operational',
    direction: 'lower_is_better',
    target: 5,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { ceiling: 40 },
    objective: 'Share of handled incidents that turned out to be false alarms.',
    binding: percent(
      incident,
      'detected_at',
      assignee,
      [],
      where({ field: 'false_positive', op: 'eq', value: true }),
    ),
  },
  // Finance
  {
    slug: 'invoice-accuracy',
    name: 'Invoice accuracy',
    category: 'financial',
    direction: 'higher_is_better',
    target: 98,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'linear',
    params: { floor: 80 },
    objective: 'Issued invoices that never needed a correction.',
    binding: percent(
      invoice,
      'issued_at',
      creator,
      [{ field: 'status', op: 'not_in', value: ['draft', 'void'] }],
      where({ field: 'corrected', op: 'neq', value: true }),
    ),
  },
  {
    // Days sales outstanding, measured per collector as the average days from issue to payment.
    slug: 'dso',
    name: 'Days sales outstanding',
    category: 'financial',
    direction: 'lower_is_better',
    target: 10,
    unit: 'days',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 60 },
    objective: 'Average days from invoice to payment.',
    binding: {
      source: invoice,
      filter: [{ field: 'paid_at', op: 'is_null', value: false }],
      time_field: 'paid_at',
      aggregation: { fn: 'avg', duration: { from: 'issued_at', to: 'paid_at', unit: 'days' } },
      ownership: creator,
    },
  },
  {
    slug: 'collections',
    name: 'Collections',
    category: 'financial',
    direction: 'higher_is_better',
    target: 12_000_000,
    unit: 'currency',
    target_type: 'numeric',
    scoring_method: 'capped',
    params: { cap: 1.2 },
    objective: 'Payments collected and cleared in the period.',
    binding: {
      source: { domain: 'finance', entity: 'payment' },
      filter: [{ field: 'status', op: 'in', value: ['approved', 'cleared', 'completed'] }],
      time_field: 'paid_at',
      aggregation: { fn: 'sum', field: 'amount' },
      ownership: creator,
    },
  },
  {
    slug: 'reconciliation-time',
    name: 'Reconciliation time (days)',
    category: 'financial',
    direction: 'lower_is_better',
    target: 3,
    unit: 'days',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 20 },
    objective: 'Average days from the end of a period to its reconciliation.',
    binding: {
      source: { domain: 'finance', entity: 'reconciliation' },
      filter: [{ field: 'status', op: 'eq', value: 'reconciled' }],
      time_field: 'reconciled_at',
      aggregation: { fn: 'avg', duration: { from: 'period_end', to: 'reconciled_at', unit: 'days' } },
      ownership: { rule: 'custom', field: 'reconciled_by' },
    },
  },
  // CRM
  {
    slug: 'pipeline-conversion',
    name: 'Pipeline conversion',
    category: 'financial',
    direction: 'higher_is_better',
    target: 25,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'capped',
    params: { cap: 1.2 },
    objective: 'Deals opened in the period that are won.',
    binding: percent(deal, 'created_at', dealOwner, [], where({ field: 'won', op: 'eq', value: true })),
  },
  {
    slug: 'deal-cycle-time',
    name: 'Deal cycle time (days)',
    category: 'productivity',
    direction: 'lower_is_better',
    target: 28,
    unit: 'days',
    target_type: 'duration',
    scoring_method: 'linear',
    params: { ceiling: 120 },
    objective: 'Average days from opening to winning a deal.',
    binding: {
      source: deal,
      filter: [{ field: 'won', op: 'eq', value: true }],
      time_field: 'closed_at',
      aggregation: { fn: 'avg', duration: { from: 'created_at', to: 'closed_at', unit: 'days' } },
      ownership: dealOwner,
    },
  },
  {
    slug: 'win-rate',
    name: 'Win rate',
    category: 'financial',
    direction: 'higher_is_better',
    target: 40,
    unit: 'percent',
    target_type: 'percent',
    scoring_method: 'capped',
    params: { cap: 1.2 },
    objective: 'Closed deals that were won.',
    binding: percent(
      deal,
      'closed_at',
      dealOwner,
      [{ field: 'status', op: 'in', value: ['won', 'lost'] }],
      where({ field: 'won', op: 'eq', value: true }),
    ),
  },
  {
    slug: 'churn',
    name: 'Accounts churned',
    category: 'financial',
    direction: 'lower_is_better',
    target: 1,
    unit: 'accounts',
    target_type: 'count',
    scoring_method: 'linear',
    params: { ceiling: 10 },
    objective: 'Owned accounts cancelled in the period.',
    binding: {
      source: { domain: 'crm', entity: 'account' },
      filter: [{ field: 'status', op: 'eq', value: 'cancelled' }],
      time_field: 'cancelled_at',
      aggregation: { fn: 'count' },
      ownership: dealOwner,
    },
  },
];

export function ispKpis() {
  return ISP_KPIS.map(({ binding, ...k }, i) => ({
    ...k,
    weight_default: 1,
    // Growth language for staff views (exceeding above 80, growing below 60), like the coaching
    // library's defaults.
    target_score: 80,
    minimum_score: 60,
    evaluation_frequency: 'monthly',
    automation_status: 'automated',
    data_sources: [`${binding.source.domain}/${binding.source.entity}`],
    role_groups: [],
    coaching_tips: [],
    is_default_for_role: false,
    display_order: 500 + i,
  }));
}

export const ispBindings = (): Binding[] => ISP_KPIS.map((k) => ({ kpi_id: k.slug, ...k.binding }));
