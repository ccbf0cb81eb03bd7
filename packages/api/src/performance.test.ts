import { settingsBody } from './performance';

/** Issues as `{path, message}`; an unknown key's path is the key (as the HTTP layer reports it). */
const errors = (body: unknown) => {
  const r = settingsBody.safeParse(body);
  return r.success
    ? []
    : r.error.issues.map((i) => ({
        path:
          i.code === 'unrecognized_keys'
            ? i.keys.join()
            : i.path
                .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
                .join('')
                .slice(1) || '(root)',
        message: i.code === 'unrecognized_keys' ? 'Unknown field' : i.message,
      }));
};

describe('settingsBody', () => {
  it('takes the time zone and any subset of the binding settings', () => {
    expect(settingsBody.parse({ on_time_grace_minutes: 10 })).toEqual({ on_time_grace_minutes: 10 });
    expect(
      settingsBody.parse({
        timezone: 'Australia/Sydney',
        attendance_rostered_statuses: ['completed', 'missed'],
      }),
    ).toEqual({ timezone: 'Australia/Sydney', attendance_rostered_statuses: ['completed', 'missed'] });
  });

  it.each([
    [{ grace: 5 }, 'grace', /Unknown field/],
    [{ on_time_grace_minutes: 500 }, 'on_time_grace_minutes', /less than or equal to 240/],
    [{ on_time_grace_minutes: '5' }, 'on_time_grace_minutes', /Expected number/],
    [
      { attendance_rostered_statuses: ['completed', 'late'] },
      'attendance_rostered_statuses[1]',
      /Invalid enum value/,
    ],
    [{ medication_adherent_outcomes: [] }, 'medication_adherent_outcomes', /at least 1/],
    [{}, '(root)', /name at least one setting/],
  ])('rejects %j naming %s', (body, path, message) => {
    expect(errors(body)).toContainEqual({ path, message: expect.stringMatching(message) as string });
  });
});
