// KRAs, one scorecard template per ISP role (with guardrails), and default policies.
import { coreExpectations } from './care-templates';

export const KRAS = [
  { id: 'productivity', name: 'Productivity', description: 'Output: work completed.', weight_default: 30 },
  { id: 'quality', name: 'Quality', description: 'Work done right the first time.', weight_default: 25 },
  {
    id: 'customer',
    name: 'Customer',
    description: 'How customers experience the service.',
    weight_default: 20,
  },
  { id: 'timeliness', name: 'Timeliness', description: 'Speed and SLA adherence.', weight_default: 25 },
  {
    id: 'teamwork',
    name: 'Teamwork',
    description: 'Collaboration and support of colleagues.',
    weight_default: 10,
  },
  { id: 'sales', name: 'Sales', description: 'Revenue won and kept.', weight_default: 40 },
  {
    id: 'compliance',
    name: 'Compliance',
    description: 'Planned, regulated and preventive work done.',
    weight_default: 15,
  },
];

/** The KRA↔KPI map of the ISP library (KRA id → KPI slugs). */
export const KRA_KPIS: Record<string, string[]> = {
  productivity: ['tickets-resolved', 'jobs-completed', 'collections', 'deal-cycle-time'],
  quality: [
    'reopen-rate',
    'first-time-fix',
    'uptime',
    'outage-count',
    'false-positive-rate',
    'invoice-accuracy',
  ],
  customer: ['csat', 'churn'],
  timeliness: [
    'first-response-time-p90',
    'resolution-time',
    'sla-compliance',
    'travel-to-fix-time',
    'on-time-arrival',
    'mean-time-to-detect',
    'mttr',
    'dso',
    'reconciliation-time',
  ],
  teamwork: [],
  sales: ['pipeline-conversion', 'win-rate'],
  compliance: ['preventive-maintenance-completion'],
};

const EFFECTIVE_FROM = '2024-01-01T00:00:00.000Z';
// Scoped by role group, not role: an ERP's role is a job title that promotions change ("Senior
// Helpdesk Agent"), while the role group is the stable taxonomy the KPI library is keyed on.
const item = (kpi_id: string, weight?: number) => (weight === undefined ? { kpi_id } : { kpi_id, weight });

export const TEMPLATES = [
  {
    id: 'helpdesk-agent',
    name: 'Helpdesk agent',
    scope: { role_group: 'helpdesk_agents' },
    effective_from: EFFECTIVE_FROM,
    kras: [
      { kra_id: 'productivity', weight: 27, kpis: [item('tickets-resolved')] },
      {
        kra_id: 'timeliness',
        weight: 27,
        kpis: [item('first-response-time-p90'), item('resolution-time'), item('sla-compliance', 2)],
      },
      { kra_id: 'quality', weight: 18, kpis: [item('reopen-rate')] },
      { kra_id: 'customer', weight: 18, kpis: [item('csat')] },
      coreExpectations(10),
    ],
    // Closing many tickets does not pay when they bounce back or leave customers unhappy.
    guardrails: [
      { primary_kpi_ids: ['tickets-resolved'], guardrail_kpi_ids: ['reopen-rate', 'csat'], min_score: 60 },
    ],
    rating_scheme_id: 'standard',
  },
  {
    id: 'field-technician',
    name: 'Field technician',
    scope: { role_group: 'field_technicians' },
    effective_from: EFFECTIVE_FROM,
    kras: [
      { kra_id: 'productivity', weight: 27, kpis: [item('jobs-completed')] },
      { kra_id: 'quality', weight: 27, kpis: [item('first-time-fix')] },
      { kra_id: 'timeliness', weight: 23, kpis: [item('travel-to-fix-time'), item('on-time-arrival')] },
      { kra_id: 'compliance', weight: 13, kpis: [item('preventive-maintenance-completion')] },
      coreExpectations(10),
    ],
    // Volume without first-time fixes means repeat visits: cap it.
    guardrails: [
      { primary_kpi_ids: ['jobs-completed'], guardrail_kpi_ids: ['first-time-fix'], min_score: 60 },
    ],
    rating_scheme_id: 'standard',
  },
  {
    id: 'noc-engineer',
    name: 'NOC engineer',
    scope: { role_group: 'noc_engineers' },
    effective_from: EFFECTIVE_FROM,
    kras: [
      {
        kra_id: 'quality',
        weight: 45,
        kpis: [item('uptime', 2), item('outage-count'), item('false-positive-rate')],
      },
      { kra_id: 'timeliness', weight: 45, kpis: [item('mean-time-to-detect'), item('mttr')] },
      coreExpectations(10),
    ],
    guardrails: [{ primary_kpi_ids: ['mttr'], guardrail_kpi_ids: ['false-positive-rate'], min_score: 50 }],
    rating_scheme_id: 'standard',
  },
  {
    id: 'billing-officer',
    name: 'Billing officer',
    scope: { role_group: 'billing_officers' },
    effective_from: EFFECTIVE_FROM,
    kras: [
      { kra_id: 'quality', weight: 36, kpis: [item('invoice-accuracy')] },
      { kra_id: 'timeliness', weight: 32, kpis: [item('dso'), item('reconciliation-time')] },
      { kra_id: 'productivity', weight: 22, kpis: [item('collections')] },
      coreExpectations(10),
    ],
    guardrails: [
      { primary_kpi_ids: ['collections'], guardrail_kpi_ids: ['invoice-accuracy'], min_score: 60 },
    ],
    rating_scheme_id: 'standard',
  },
  {
    id: 'account-manager',
    name: 'Account manager',
    scope: { role_group: 'account_managers' },
    effective_from: EFFECTIVE_FROM,
    kras: [
      { kra_id: 'sales', weight: 54, kpis: [item('pipeline-conversion'), item('win-rate', 2)] },
      { kra_id: 'productivity', weight: 13, kpis: [item('deal-cycle-time')] },
      { kra_id: 'customer', weight: 23, kpis: [item('churn')] },
      coreExpectations(10),
    ],
    guardrails: [{ primary_kpi_ids: ['win-rate'], guardrail_kpi_ids: ['churn'], min_score: 50 }],
    rating_scheme_id: 'standard',
  },
];

export const RATING_SCHEMES = [
  {
    id: 'standard',
    name: 'Standard',
    bands: [
      { from: 85, label: 'Outstanding' },
      { from: 70, to: 85, label: 'Exceeds' },
      { from: 50, to: 70, label: 'Meets' },
      { from: 0, to: 50, label: 'Below' },
    ],
  },
];

export const BONUS_POLICIES = [
  {
    id: 'standard-bonus',
    name: 'Standard bonus',
    bands: [
      { from: 0, to: 50, factor: 0 },
      { from: 50, to: 70, factor: 0.5 },
      { from: 70, to: 85, factor: 1 },
      { from: 85, factor: 1.5 },
    ],
    gates: { guardrail_ok: true, no_active_pip: true, min_tenure_days: 90 },
  },
];

export const TRIGGER_RULES = [
  {
    id: 'safety-growing-training',
    name: 'Safety support',
    kind: 'training',
    scope: { category: 'safety' },
    condition: { type: 'growing' },
    periods: 2,
  },
  { id: 'overall-pip', name: 'Improvement plan', kind: 'pip', overall_below: 50, periods: 3 },
];
