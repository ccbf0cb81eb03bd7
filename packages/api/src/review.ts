import { z } from 'zod';
import { reason } from './common';
import type { ApiOperation } from './operation';

export const EXCEPTION_TYPES = [
  'low_performer',
  'growing',
  'sla_breach',
  'pending_approval',
  'dispute',
  'unscored',
] as const;

/** The 16 Living Journal entry types (DESIGN §2). */
export const JOURNAL_TYPES = [
  'kpi_assigned',
  'kpi_deactivated',
  'score_recorded',
  'score_adjustment',
  'effort_rating',
  'effort_recognition',
  'observation',
  'coaching_session',
  'catchup_note',
  'incident_link',
  'feedback_received',
  'goal_agreed',
  'training_update',
  'staff_response',
  'approval_requested',
  'approval_decision',
] as const;

export const scorecardListQuery = z.object({
  period_id: z.string().min(1).optional(),
  scope: z.enum(['team', 'all']).optional(),
});
export const overrideBody = z.object({
  entity_type: z.enum(['kpi', 'kra', 'overall']),
  entity_id: z.string().min(1).optional(),
  new_score: z.number().finite(),
  reason: z
    .string({ required_error: 'a reason is required' })
    .trim()
    .min(1, 'a reason is required')
    .max(4000),
});
export const noteBody = z.object({ note: z.string().trim().min(1).max(10_000) });
export const disputeBody = z.object({
  reason,
  kind: z.enum(['general', 'wrong_attribution']).default('general'),
  kpi_id: z.string().min(1).optional(),
  record: z
    .object({ source: z.string().min(1), entity: z.string().min(1), id: z.string().min(1) })
    .optional(),
});
export const resolveBody = z.object({ resolution: z.string().trim().min(1).max(4000) });
export const exceptionsQuery = z.object({
  type: z.enum(EXCEPTION_TYPES),
  period_id: z.string().min(1).optional(),
});
export const auditQuery = z.object({
  entity: z.string().min(1).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

const score = z.number().finite().min(0);
export const journalEntryBody = z.object({
  entry_type: z.enum(JOURNAL_TYPES),
  title: z.string().trim().min(1).max(500),
  content: z.string().max(20_000).optional(),
  kpi_id: z.string().min(1).optional(),
  period_id: z.string().min(1).optional(),
  score_impact: z.number().finite().optional(),
  score_before: score.optional(),
  score_after: score.optional(),
  effort_recognized: z.boolean().optional(),
  effort_rating: z.number().int().min(1).max(5).optional(),
  effort_notes: z.string().max(20_000).optional(),
  visible_to_staff: z.boolean().optional(),
  pending_approval: z.boolean().optional(),
  linked_catchup_id: z.string().min(1).optional(),
  linked_incident_id: z.string().min(1).optional(),
  linked_entry_id: z.string().uuid().optional(),
});
export const journalListQuery = z.object({
  period_id: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export const journalDecisionBody = z.object({ decision: z.enum(['approved', 'rejected']), reason });

export const staffKpisQuery = z.object({ status: z.enum(['all', 'active']).optional() });
export const assignStaffKpiBody = z
  .object({
    kpi_id: z.string().min(1).optional(),
    kpi_module_id: z.string().min(1).optional(),
    weight: z.number().finite().min(0).optional(),
    custom_target: z.number().finite().optional(),
    is_required: z.boolean().optional(),
  })
  .refine((b) => b.kpi_id !== undefined || b.kpi_module_id !== undefined, {
    path: ['kpi_id'],
    message: 'kpi_id (or kpi_module_id) is required',
  });
export const staffKpiStatusBody = z.object({
  status: z.enum(['active', 'inactive']),
  reason: reason.optional(),
});
export const deactivateStaffKpisBody = z.object({ reason: reason.optional() }).default({});
export const peopleQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  managers: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const CARD = '/api/v1/review/scorecards/{id}';
const action = (verb: string, summary: string, body?: z.ZodTypeAny): ApiOperation => ({
  method: 'POST',
  path: `${CARD}/${verb}`,
  summary,
  tag: 'review',
  ...(body ? { body } : {}),
  errors: [409],
});

export const reviewOperations: readonly ApiOperation[] = [
  {
    method: 'GET',
    path: '/api/v1/review/scorecards',
    summary: 'Scorecards the caller may see (own, team, or all)',
    tag: 'review',
    query: scorecardListQuery,
  },
  {
    method: 'GET',
    path: CARD,
    summary: 'One scorecard with its results, overrides, notes and status',
    tag: 'review',
  },
  {
    ...action('overrides', 'Override a KPI, KRA or overall score, with a reason', overrideBody),
    ok: { status: 201 },
  },
  { ...action('notes', 'Add a review note', noteBody), ok: { status: 201 } },
  action('submit', 'Submit for approval'),
  action('approve', 'Approve'),
  action('dispute', 'Dispute (the employee), optionally naming a wrongly attributed record', disputeBody),
  action('resolve', 'Resolve a dispute', resolveBody),
  {
    method: 'POST',
    path: '/api/v1/review/periods/{id}/finalize',
    summary: 'Finalize a period: bonus and learning events; later writes to it get 409',
    tag: 'review',
    errors: [409],
  },
  {
    method: 'GET',
    path: '/api/v1/review/exceptions',
    summary: 'Exception queues: low performers, growing, SLA breaches, pending approvals, disputes',
    tag: 'review',
    query: exceptionsQuery,
  },
  {
    method: 'GET',
    path: '/api/v1/review/people',
    summary: 'The people directory, narrowed to whom the caller may see',
    tag: 'review',
    query: peopleQuery,
  },
  { method: 'GET', path: '/api/v1/audit', summary: 'The audit trail', tag: 'review', query: auditQuery },
  {
    method: 'GET',
    path: '/api/v1/journal/{staffId}/entries',
    summary: 'A person’s Living Journal (what the caller may see of it)',
    tag: 'journal',
    query: journalListQuery,
  },
  {
    method: 'POST',
    path: '/api/v1/journal/{staffId}/entries',
    summary: 'Append a journal entry (pending approval when the writer may not publish it directly)',
    tag: 'journal',
    body: journalEntryBody,
    ok: { status: 201 },
    errors: [409],
  },
  {
    method: 'POST',
    path: '/api/v1/journal/entries/{id}/decision',
    summary: 'Approve or reject a pending journal entry',
    tag: 'journal',
    body: journalDecisionBody,
    ok: { status: 201 },
    errors: [409],
  },
  {
    method: 'GET',
    path: '/api/v1/hr/staff/{staffId}/kpis',
    summary: 'A person’s KPIs (active, or all with status=all)',
    tag: 'coaching',
    query: staffKpisQuery,
  },
  {
    method: 'POST',
    path: '/api/v1/hr/staff/{staffId}/kpis',
    summary: 'Assign a KPI to a person',
    tag: 'coaching',
    body: assignStaffKpiBody,
    ok: { status: 201 },
    errors: [409],
  },
  {
    method: 'PATCH',
    path: '/api/v1/hr/staff/{staffId}/kpis/{kpiId}/status',
    summary: 'Activate or deactivate one of a person’s KPIs',
    tag: 'coaching',
    body: staffKpiStatusBody,
  },
  {
    method: 'POST',
    path: '/api/v1/hr/staff/{staffId}/deactivate-kpis',
    summary: 'Deactivate all of a person’s KPIs (exit)',
    tag: 'coaching',
    body: deactivateStaffKpisBody,
  },
  { method: 'GET', path: '/api/v1/me/dashboard', summary: 'The caller’s own dashboard', tag: 'me' },
  {
    method: 'GET',
    path: '/api/v1/me/scorecards/{periodId}',
    summary: 'The caller’s own scorecard: growth labels, visible journal, evidence, trend',
    tag: 'me',
  },
];
