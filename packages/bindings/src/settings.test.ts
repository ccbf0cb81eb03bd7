import { entitySpec } from '@scorecard/contracts';
import {
  BINDING_SETTINGS,
  effectiveSettings,
  validateBinding,
  validateSettingValues,
  type Binding,
} from './index';

const shift: Binding = {
  kpi_id: 'attendance',
  source: { domain: 'care', entity: 'shift' },
  filter: [{ field: 'status', op: 'in', value: { setting: 'attendance_rostered_statuses' } }],
  time_field: 'scheduled_start',
  aggregation: { fn: 'count' },
  ownership: { rule: 'custom', field: 'worker_id' },
};
const withFilter = (...filter: unknown[]) => ({ ...shift, filter });
const late = (over: Record<string, unknown>) =>
  withFilter({
    duration: { from: 'scheduled_start', to: 'actual_start', unit: 'minutes' },
    op: 'lte',
    ...over,
  });
const errorsOf = (input: unknown) => {
  const r = validateBinding(input);
  return r.ok ? [] : r.errors;
};

describe('duration conditions and setting operands', () => {
  it.each([
    ['a list setting on the field it lists', shift],
    ['a duration against a number', late({ value: 5 })],
    ['a duration against a number setting', late({ value: { setting: 'on_time_grace_minutes' } })],
    ['a duration between two numbers', late({ op: 'between', value: [-10, 5] })],
    [
      'a number setting on a number field',
      {
        ...shift,
        source: { domain: 'ticketing', entity: 'ticket' },
        time_field: 'closed_at',
        ownership: { rule: 'assigned_to' },
        filter: [{ field: 'reopened_count', op: 'lte', value: { setting: 'note_grace_hours' } }],
      },
    ],
  ])('accepts %s', (_name, input) => {
    expect(errorsOf(input)).toEqual([]);
  });

  it.each([
    [
      'neither field nor duration',
      withFilter({ op: 'eq', value: 1 }),
      'filter[0].field',
      /a field or a duration/,
    ],
    [
      'both field and duration',
      late({ field: 'status', value: 5 }),
      'filter[0].field',
      /a field or a duration, not both/,
    ],
    [
      'a duration over a non-timestamp',
      withFilter({
        duration: { from: 'scheduled_start', to: 'status', unit: 'minutes' },
        op: 'lte',
        value: 5,
      }),
      'filter[0].duration.to',
      /status is enum; a duration spans two timestamps/,
    ],
    [
      'a duration over an unknown field',
      withFilter({ duration: { from: 'start', to: 'actual_start', unit: 'minutes' }, op: 'lte', value: 5 }),
      'filter[0].duration.from',
      /start is not a field of care\/shift/,
    ],
    ['eq on a duration', late({ op: 'eq', value: 5 }), 'filter[0].op', /eq does not apply to a duration/],
    ['a string against a duration', late({ value: '5' }), 'filter[0].value', /expected a number/],
    [
      'an unknown unit',
      late({ duration: { from: 'scheduled_start', to: 'actual_start', unit: 'weeks' }, value: 1 }),
      'filter[0].duration.unit',
      /Invalid enum value/,
    ],
    [
      'an unknown setting',
      late({ value: { setting: 'grace' } }),
      'filter[0].value.setting',
      /unknown setting grace/,
    ],
    [
      'a list setting with lte',
      late({ value: { setting: 'attendance_rostered_statuses' } }),
      'filter[0].value.setting',
      /list of values; use it with in or not_in/,
    ],
    [
      'a number setting with in',
      withFilter({ field: 'status', op: 'in', value: { setting: 'on_time_grace_minutes' } }),
      'filter[0].value.setting',
      /is a number; use it with eq/,
    ],
    [
      'a list setting on another field',
      withFilter({ field: 'service_type', op: 'in', value: { setting: 'attendance_rostered_statuses' } }),
      'filter[0].value.setting',
      /lists values of care\/shift.status/,
    ],
    [
      'a list setting on another entity',
      {
        ...shift,
        source: { domain: 'care', entity: 'medication' },
        time_field: 'scheduled_at',
        ownership: { rule: 'custom', field: 'administered_by' },
        filter: [{ field: 'outcome', op: 'in', value: { setting: 'attendance_rostered_statuses' } }],
      },
      'filter[0].value.setting',
      /lists values of care\/shift.status/,
    ],
    [
      'a number setting on a timestamp field',
      withFilter({ field: 'actual_start', op: 'lte', value: { setting: 'on_time_grace_minutes' } }),
      'filter[0].value.setting',
      /is a number; actual_start is timestamp/,
    ],
    [
      'an unknown key in a setting operand',
      late({ value: { setting: 'on_time_grace_minutes', default: 3 } }),
      'filter[0].value.default',
      /unknown field/,
    ],
  ])('rejects %s', (_name, input, path, message) => {
    expect(errorsOf(input)).toContainEqual({ path, message: expect.stringMatching(message) as string });
  });
});

describe('BINDING_SETTINGS', () => {
  it('list settings name an enum field of the catalog, and their defaults are its values', () => {
    for (const s of Object.values(BINDING_SETTINGS)) {
      if (s.type === 'number') {
        expect(s.default).toBeGreaterThanOrEqual(s.min);
        expect(s.default).toBeLessThanOrEqual(s.max);
        continue;
      }
      const values = entitySpec(s.of.domain, s.of.entity)?.fields[s.of.field]?.values ?? [];
      expect(values.length).toBeGreaterThan(0);
      for (const v of s.default) expect(values).toContain(v);
    }
  });

  it('validates a tenant’s values, naming the setting', () => {
    expect(
      validateSettingValues({
        on_time_grace_minutes: 10,
        attendance_rostered_statuses: ['completed', 'missed', 'missed'],
      }),
    ).toEqual({
      ok: true,
      value: { on_time_grace_minutes: 10, attendance_rostered_statuses: ['completed', 'missed'] },
    });
    expect(
      validateSettingValues({
        on_time_grace_minutes: -1,
        grace: 3,
        attendance_rostered_statuses: ['completed', 'late'],
        medication_adherent_outcomes: [],
      }),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'on_time_grace_minutes', message: 'expected a number of minutes from 0 to 240' },
        { path: 'grace', message: 'unknown setting' },
        {
          path: 'attendance_rostered_statuses[1]',
          message: expect.stringMatching(/expected one of scheduled, completed/) as string,
        },
        {
          path: 'medication_adherent_outcomes',
          message: expect.stringMatching(/non-empty list of given, missed/) as string,
        },
      ],
    });
  });

  it('effective values: the tenant’s where valid, else the defaults', () => {
    const v = effectiveSettings({ on_time_grace_minutes: 10, note_grace_hours: 'x', unknown: 1 });
    expect(v.on_time_grace_minutes).toBe(10);
    expect(v.note_grace_hours).toBe(0);
    expect(v.attendance_rostered_statuses).toEqual(['completed', 'missed', 'cancelled_by_worker']);
    expect(Object.keys(v).sort()).toEqual(Object.keys(BINDING_SETTINGS).sort());
  });
});
