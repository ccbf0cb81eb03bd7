// Bindings of the automated coaching KPIs over the care and learning sources. Each produces a
// 0–100 value (a percentage, or a 1–5 rating × 20), because a coaching KPI's target is its target
// score. Definition choices a provider may make differently (grace minutes, which statuses count)
// are tenant settings (`BINDING_SETTINGS` in @scorecard/bindings), named here by `{setting}`.
import type { Binding, Filter, FormulaSide, Ownership, Source } from '@scorecard/bindings';

const shift: Source = { domain: 'care', entity: 'shift' };
const note: Source = { domain: 'care', entity: 'progress_note' };
const incident: Source = { domain: 'care', entity: 'incident' };
const feedback: Source = { domain: 'care', entity: 'feedback' };
const medication: Source = { domain: 'care', entity: 'medication' };
const training: Source = { domain: 'learning', entity: 'training_record' };
const workOrder: Source = { domain: 'field_service', entity: 'work_order' };
const invoice: Source = { domain: 'finance', entity: 'invoice' };

const owner = (field: string): Ownership => ({ rule: 'custom', field });
const worker = owner('worker_id');
const author = owner('author_id');
const reporter = owner('reported_by');
const team: Ownership = { rule: 'team' };

const setting = (name: string) => ({ setting: name });
const rostered: Filter = { field: 'status', op: 'in', value: setting('attendance_rostered_statuses') };
/** Worked, or handed back with notice: not a no-show and not a late-notice cancellation. */
const notDropped: Filter[] = [
  { field: 'status', op: 'neq', value: 'missed' },
  { field: 'late_notice', op: 'neq', value: true },
];
const within = (
  from: string,
  to: string,
  unit: 'minutes' | 'hours' | 'days',
  value: number | string,
): Filter => ({
  duration: { from, to, unit },
  op: 'lte',
  value: typeof value === 'string' ? setting(value) : value,
});
const noteOnTime = within('due_at', 'submitted_at', 'hours', 'note_grace_hours');

const where = (...filter: Filter[]): FormulaSide => ({ filter, aggregation: { fn: 'count' } });

/** 100 × (records also matching `numerator`) / (records matching `filter`). */
function percent(
  source: Source,
  time_field: string,
  ownership: Ownership,
  filter: Filter[],
  numerator: FormulaSide,
): Omit<Binding, 'kpi_id'> {
  return {
    source,
    ...(filter.length > 0 ? { filter } : {}),
    time_field,
    ownership,
    aggregation: { fn: 'ratio' },
    formula: { numerator, denominator: { aggregation: { fn: 'count' } }, scale: 100 },
  };
}

/** The average 1–5 survey rating about the person, × 20 (5 → 100). */
const surveyScore: Omit<Binding, 'kpi_id'> = {
  source: feedback,
  filter: [
    { field: 'kind', op: 'eq', value: 'survey' },
    { field: 'rating', op: 'is_null', value: false },
  ],
  time_field: 'received_at',
  ownership: owner('about_staff_id'),
  aggregation: { fn: 'ratio' },
  formula: {
    numerator: { aggregation: { fn: 'sum', field: 'rating' } },
    denominator: { aggregation: { fn: 'count' } },
    scale: 20,
  },
};

const CARE_BINDINGS: Record<string, Omit<Binding, 'kpi_id'>> = {
  // CONTRACT's definition: completed, clocked in no later than the grace after the scheduled start.
  'attendance-reliability': percent(
    shift,
    'scheduled_start',
    worker,
    [rostered],
    where(
      { field: 'status', op: 'eq', value: 'completed' },
      within('scheduled_start', 'actual_start', 'minutes', 'on_time_grace_minutes'),
    ),
  ),
  'shift-coverage': percent(shift, 'scheduled_start', worker, [rostered], where(...notDropped)),
  'documentation-quality': percent(
    note,
    'due_at',
    author,
    [],
    where(noteOnTime, { field: 'audit_result', op: 'neq', value: 'fail' }),
  ),
  'whs-safety-compliance': percent(
    training,
    'due_at',
    owner('employee_id'),
    [{ field: 'mandatory', op: 'eq', value: true }],
    where(within('due_at', 'completed_at', 'days', 0)),
  ),
  'goal-linked-notes': percent(
    note,
    'submitted_at',
    author,
    [],
    where({ field: 'goal_linked', op: 'eq', value: true }),
  ),
  'participant-family-feedback': surveyScore,
  'resident-experience': surveyScore,
  'medication-bsp-adherence': percent(
    medication,
    'scheduled_at',
    owner('administered_by'),
    [],
    where({ field: 'outcome', op: 'in', value: setting('medication_adherent_outcomes') }),
  ),
  'adl-tasks-documented': percent(
    note,
    'due_at',
    author,
    [],
    where({ field: 'submitted_at', op: 'is_null', value: false }),
  ),
  'same-shift-incident-reports': percent(
    incident,
    'occurred_at',
    reporter,
    [],
    where(within('occurred_at', 'reported_at', 'hours', 'same_shift_report_hours')),
  ),
  'incident-follow-up': percent(
    incident,
    'reported_at',
    reporter,
    [],
    where(
      { field: 'status', op: 'eq', value: 'closed' },
      within('reported_at', 'closed_at', 'days', 'incident_follow_up_days'),
    ),
  ),
  'team-retention-absence': percent(shift, 'scheduled_start', team, [rostered], where(...notDropped)),
  'open-shifts-filled': percent(
    shift,
    'scheduled_start',
    team,
    [{ field: 'status', op: 'in', value: ['completed', 'missed'] }],
    where({ field: 'status', op: 'eq', value: 'completed' }),
  ),
  'medication-rounds': percent(
    medication,
    'scheduled_at',
    owner('administered_by'),
    [{ field: 'outcome', op: 'neq', value: 'refused' }],
    where(
      { field: 'outcome', op: 'eq', value: 'given' },
      within('scheduled_at', 'administered_at', 'minutes', 'medication_window_minutes'),
    ),
  ),
  'en-documentation-timeliness': percent(note, 'due_at', author, [], where(noteOnTime)),
  'therapy-sessions-delivered': percent(
    shift,
    'scheduled_start',
    worker,
    [rostered],
    where({ field: 'status', op: 'eq', value: 'completed' }),
  ),
  'session-notes-same-day': percent(note, 'due_at', author, [], where(noteOnTime)),
  'program-delivered': percent(
    shift,
    'scheduled_start',
    worker,
    [rostered],
    where({ field: 'status', op: 'eq', value: 'completed' }),
  ),
  'maintenance-requests': percent(
    workOrder,
    'scheduled_at',
    { rule: 'technician_id' },
    [{ field: 'status', op: 'not_in', value: ['draft', 'cancelled'] }],
    where(
      { field: 'status', op: 'eq', value: 'completed' },
      within('scheduled_at', 'completed_at', 'days', 1),
    ),
  ),
  'claims-invoice-accuracy': percent(
    invoice,
    'issued_at',
    { rule: 'created_by' },
    [{ field: 'status', op: 'not_in', value: ['draft', 'void'] }],
    where({ field: 'corrected', op: 'neq', value: true }),
  ),
  'reportable-incidents-on-time': percent(
    incident,
    'occurred_at',
    reporter,
    [
      { field: 'reportable', op: 'eq', value: true },
      { field: 'priority', op: 'neq', value: 'p2' },
    ],
    where(within('occurred_at', 'reported_at', 'hours', 'reportable_incident_hours')),
  ),
};

export const careBindings = (): Binding[] =>
  Object.entries(CARE_BINDINGS).map(([kpi_id, b]) => ({ kpi_id, ...b }));
