import type { RecordMapping } from '../mappings/record-mapping';
import { ruleColumns } from './column-map';
import type { DateOrder } from './time-reader';

/**
 * A column map for a known export: which column is the id, which columns hold which canonical
 * fields (with vocabularies), and how the export writes numeric dates. Columns the file lacks are
 * left out; explicit `column=field` entries win over a preset's rule for the same field.
 */
export interface CsvPreset extends RecordMapping {
  dateOrder?: DateOrder;
}

// Column names follow what the platforms' exports and APIs call their fields (care providers'
// reports and the platforms' API references); a site whose export differs adds `--map` entries.
// Worker, staff and employee columns must hold the ids the HR feed uses for the same people.

/** ShiftCare timesheet lines: rostered start/finish and the raw clock-in/out (approved times snap to the roster). */
export const shiftcareTimesheets: CsvPreset = {
  name: 'shiftcare-timesheets',
  description:
    'ShiftCare timesheet export, one line per shift: rostered times and raw clock-ins → care/shift',
  source: 'care',
  entity: 'shift',
  id: 'shift_id',
  occurredAt: [],
  dateOrder: 'dmy',
  fields: {
    worker_id: 'staff_id',
    client_id: { from: ['client_id', 'client_ids'] },
    scheduled_start: 'start_at',
    scheduled_end: { from: ['finish_at', 'end_at'] },
    actual_start: 'clockin_at',
    actual_end: 'clockout_at',
    service_type: 'shift_type',
    status: {
      from: 'status',
      map: {
        approved: 'completed',
        pending: 'scheduled',
        published: 'scheduled',
        cancelled: 'cancelled_by_provider',
        canceled: 'cancelled_by_provider',
        no_show: 'missed',
      },
    },
  },
  extra: ['break_minutes'],
};

/** AlayaCare EVV visits: visit status vocabulary and the first raw clock-in / last clock-out. */
export const alayacareVisits: CsvPreset = {
  name: 'alayacare-visits',
  description: 'AlayaCare visit (EVV) export → care/shift',
  source: 'care',
  entity: 'shift',
  id: 'alayacare_visit_id',
  occurredAt: [],
  fields: {
    worker_id: 'alayacare_employee_id',
    client_id: 'alayacare_client_id',
    scheduled_start: 'start_at',
    scheduled_end: 'end_at',
    actual_start: { from: ['first_clock_in_time', 'clock_in'] },
    actual_end: { from: ['last_clock_out_time', 'clock_out'] },
    service_type: 'service_code',
    status: {
      from: 'status',
      // Vacant, offered, on hold and late visits have not happened yet (late: not clocked in so far).
      map: {
        vacant: 'scheduled',
        offered: 'scheduled',
        on_hold: 'scheduled',
        late: 'scheduled',
        clocked: 'scheduled',
        approved: 'completed',
        cancelled: 'cancelled_by_provider',
      },
    },
  },
};

/** Deputy timesheets with their roster's times (a roster-matched timesheet report). */
export const deputyTimesheets: CsvPreset = {
  name: 'deputy-timesheets',
  description:
    'Deputy timesheet report with roster times (Id, Employee, OperationalUnit, StartTime, EndTime, Roster…) → care/shift',
  source: 'care',
  entity: 'shift',
  id: 'Id',
  occurredAt: [],
  dateOrder: 'dmy',
  deletedFlag: 'Discarded',
  fields: {
    worker_id: 'Employee',
    team_id: 'OperationalUnit',
    scheduled_start: 'RosterStartTime',
    scheduled_end: 'RosterEndTime',
    actual_start: 'StartTime',
    actual_end: 'EndTime',
    // A timesheet exists once the shift was worked; one still open is not finished yet.
    status: {
      from: 'IsInProgress',
      map: { true: 'scheduled', '1': 'scheduled', false: 'completed', '0': 'completed' },
    },
  },
  extra: ['Roster', 'Mealbreak', 'TotalTime'],
};

/** An incident register (Lumary-style form fields, or a provider's own spreadsheet). */
export const incidentRegister: CsvPreset = {
  name: 'incident-register',
  description:
    'Incident register export (Incident ID, Occurred, Reported, Reported By, Staff Involved…) → care/incident',
  source: 'care',
  entity: 'incident',
  id: 'Incident ID',
  occurredAt: [],
  dateOrder: 'dmy',
  fields: {
    occurred_at: { from: ['Occurred', 'Date Occurred', 'Occurred At'] },
    reported_at: { from: ['Reported', 'Date Reported', 'Reported At'] },
    reported_by: 'Reported By',
    staff_involved: { from: ['Staff Involved', 'Persons Involved'] },
    category: { from: ['Category', 'Type'] },
    // ShiftCare's NDIS report status: reportable or reported means the Commission must hear of it.
    reportable: {
      from: ['Reportable', 'NDIS Report Status'],
      map: { reportable: true, reported: true, not_reportable: false },
    },
    priority: { from: 'Priority', map: { urgent: 'p1', high: 'p2', medium: 'none', low: 'none' } },
    status: { from: 'Status', map: { in_progress: 'investigating', resolved: 'closed' } },
    closed_at: { from: ['Closed', 'Date Closed', 'Closed At'] },
  },
};

/** An LMS compliance export (Ausmed-style): one line per person and requirement. */
export const lmsTraining: CsvPreset = {
  name: 'lms-training',
  description:
    'LMS training compliance export (Record ID, Employee ID, Course, Mandatory, Due Date, Completed Date, Expiry Date) → learning/training_record',
  source: 'learning',
  entity: 'training_record',
  id: 'Record ID',
  occurredAt: [],
  dateOrder: 'dmy',
  fields: {
    employee_id: { from: ['Employee ID', 'User ID'] },
    module: { from: ['Course', 'Requirement', 'Module'] },
    mandatory: 'Mandatory',
    due_at: 'Due Date',
    completed_at: { from: ['Completed Date', 'Completion Date'] },
    expires_at: { from: ['Expiry Date', 'Expires'] },
  },
};

/** Deputy training records (the TrainingRecord resource as its report exports it). */
export const deputyTrainingRecords: CsvPreset = {
  name: 'deputy-training-records',
  description:
    'Deputy training records (Id, Employee, Module, TrainingDate, ExpiryDate) → learning/training_record',
  source: 'learning',
  entity: 'training_record',
  id: 'Id',
  occurredAt: [],
  dateOrder: 'dmy',
  fields: {
    employee_id: 'Employee',
    module: 'Module',
    completed_at: 'TrainingDate',
    expires_at: 'ExpiryDate',
  },
};

/** Every preset, by name. */
export const csvPresets: ReadonlyMap<string, CsvPreset> = new Map(
  [
    shiftcareTimesheets,
    alayacareVisits,
    deputyTimesheets,
    incidentRegister,
    lmsTraining,
    deputyTrainingRecords,
  ].map((p) => [p.name, p]),
);

/** A preset's columns and the field each fills (`id`, `occurred_at`, `deleted` or a canonical field). */
export function presetColumns(p: CsvPreset): Record<string, string> {
  const pairs: [string, string][] = [[p.id, 'id']];
  for (const c of p.occurredAt) pairs.push([c, 'occurred_at']);
  if (p.version) pairs.push([p.version, 'version']);
  if (p.deletedFlag) pairs.push([p.deletedFlag, 'deleted']);
  for (const [field, rule] of Object.entries(p.fields))
    for (const c of ruleColumns(rule)) pairs.push([c, field]);
  return Object.fromEntries(pairs);
}
