// Tenant settings a binding may compare with: the definition choices of a KPI (how late still
// counts as on time, which statuses count) that differ between providers. A filter names one as
// its value (`{"setting": "on_time_grace_minutes"}`); compute reads the tenant's value when it
// evaluates the binding and falls back to the default here.
import { fieldSpec } from '@scorecard/contracts';

export interface NumberSetting {
  type: 'number';
  default: number;
  min: number;
  max: number;
  unit: string;
  description: string;
}

/** A non-empty list of values of one catalog enum field. */
export interface ValuesSetting {
  type: 'values';
  of: { domain: string; entity: string; field: string };
  default: readonly string[];
  description: string;
}

export type BindingSetting = NumberSetting | ValuesSetting;

export const BINDING_SETTINGS = {
  on_time_grace_minutes: {
    type: 'number',
    default: 5,
    min: 0,
    max: 240,
    unit: 'minutes',
    description:
      'A shift is worked as rostered when completed and clocked in no later than this after its start.',
  },
  attendance_rostered_statuses: {
    type: 'values',
    of: { domain: 'care', entity: 'shift', field: 'status' },
    default: ['completed', 'missed', 'cancelled_by_worker'],
    description: 'Shift statuses that count as rostered to the worker (the denominator of attendance).',
  },
  note_grace_hours: {
    type: 'number',
    default: 0,
    min: 0,
    max: 168,
    unit: 'hours',
    description: 'A progress note is on time when submitted no later than this after its due time.',
  },
  same_shift_report_hours: {
    type: 'number',
    default: 8,
    min: 1,
    max: 72,
    unit: 'hours',
    description: 'An incident is reported the same shift when reported within this many hours of occurring.',
  },
  reportable_incident_hours: {
    type: 'number',
    default: 24,
    min: 1,
    max: 720,
    unit: 'hours',
    description: 'The notification clock for reportable incidents (NDIS and SIRS priority 1: 24 hours).',
  },
  incident_follow_up_days: {
    type: 'number',
    default: 28,
    min: 1,
    max: 365,
    unit: 'days',
    description: 'An incident is followed up on time when closed within this many days of being reported.',
  },
  medication_window_minutes: {
    type: 'number',
    default: 60,
    min: 0,
    max: 240,
    unit: 'minutes',
    description: 'A medication is given on time when given no later than this after its scheduled time.',
  },
  medication_adherent_outcomes: {
    type: 'values',
    of: { domain: 'care', entity: 'medication', field: 'outcome' },
    default: ['given', 'refused'],
    description: 'Medication outcomes that count as supported as charted (a refusal is the person’s choice).',
  },
} as const satisfies Record<string, BindingSetting>;

export type BindingSettingName = keyof typeof BINDING_SETTINGS;
/** A tenant's values, each setting present (the default when the tenant has not set it). */
export type BindingSettingValues = { [K in BindingSettingName]: number | readonly string[] };

export function bindingSetting(name: string): BindingSetting | undefined {
  return Object.hasOwn(BINDING_SETTINGS, name)
    ? (BINDING_SETTINGS as Record<string, BindingSetting>)[name]
    : undefined;
}

export interface SettingIssue {
  path: string;
  message: string;
}

/**
 * Checks a partial set of setting values (what a tenant sends): known names, numbers in range,
 * lists of the field's enum values. Returns the values as given.
 */
export function validateSettingValues(
  input: Record<string, unknown>,
):
  | { ok: true; value: Partial<Record<BindingSettingName, number | string[]>> }
  | { ok: false; errors: SettingIssue[] } {
  const errors: SettingIssue[] = [];
  const value: Partial<Record<BindingSettingName, number | string[]>> = {};
  for (const [name, v] of Object.entries(input)) {
    const s = bindingSetting(name);
    if (!s) {
      errors.push({ path: name, message: 'unknown setting' });
      continue;
    }
    if (s.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < s.min || v > s.max)
        errors.push({ path: name, message: `expected a number of ${s.unit} from ${s.min} to ${s.max}` });
      else value[name as BindingSettingName] = v;
      continue;
    }
    const allowed = fieldSpec(s.of.domain, s.of.entity, s.of.field)?.values ?? [];
    if (!Array.isArray(v) || v.length === 0) {
      errors.push({ path: name, message: `expected a non-empty list of ${allowed.join(', ')}` });
      continue;
    }
    const bad = v.findIndex((x) => typeof x !== 'string' || !allowed.includes(x));
    if (bad >= 0) errors.push({ path: `${name}[${bad}]`, message: `expected one of ${allowed.join(', ')}` });
    else value[name as BindingSettingName] = [...new Set(v as string[])];
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** The defaults overlaid with a tenant's stored values (unknown names are ignored). */
export function effectiveSettings(stored: Record<string, unknown>): BindingSettingValues {
  const out = {} as Record<string, number | readonly string[]>;
  for (const [name, s] of Object.entries(BINDING_SETTINGS) as [string, BindingSetting][]) {
    const v = stored[name];
    out[name] =
      v !== undefined && validateSettingValues({ [name]: v }).ok ? (v as number | string[]) : s.default;
  }
  return out as BindingSettingValues;
}
