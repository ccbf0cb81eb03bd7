import { describeAnswer, importUrl } from './import';

describe('import', () => {
  it('puts the target and options in the import URL, each map entry as its own parameter', () => {
    expect(
      importUrl('http://gw', 'care/shift', {
        map: ['Staff Id=worker_id', 'a=b=c'],
        preset: 'shiftcare-timesheets',
        timezone: 'Australia/Sydney',
        dateOrder: 'dmy',
        dryRun: true,
      }),
    ).toBe(
      'http://gw/api/v1/ingest/imports/care/shift?map=Staff+Id%3Dworker_id&map=a%3Db%3Dc&preset=shiftcare-timesheets&timezone=Australia%2FSydney&date_order=dmy&dry_run=true',
    );
    expect(importUrl('http://gw', 'ticketing/ticket', { map: [], skipInvalid: true })).toBe(
      'http://gw/api/v1/ingest/imports/ticketing/ticket?skip_invalid=true',
    );
    expect(() => importUrl('http://gw', 'care', { map: [] })).toThrow('"care" is not <source>/<entity>');
  });

  it('prints the summary and each row error as line N: field: message', () => {
    const report = {
      source: 'care',
      entity: 'shift',
      dry_run: true,
      rows: 4,
      valid: 2,
      invalid: 2,
      accepted: 0,
      would_accept: 1,
      duplicates: 1,
      errors: [
        { line: 3, field: 'status', column: 'Status', message: 'must be one of … (got "weird")' },
        { line: 5, field: 'id', column: 'shift_id', message: 'is empty' },
      ],
    };
    expect(describeAnswer(200, report)).toEqual({
      ok: false,
      lines: [
        'care/shift: 4 rows read, 0 accepted, 1 duplicates, 2 with errors — dry run: 1 would be accepted, nothing was',
        'line 3: status: must be one of … (got "weird") (column "Status")',
        'line 5: id: is empty (column "shift_id")',
      ],
    });
    expect(describeAnswer(202, { ...report, dry_run: false, accepted: 2, invalid: 3 })).toMatchObject({
      ok: true,
      lines: [
        'care/shift: 4 rows read, 2 accepted, 1 duplicates, 3 with errors',
        'line 3: status: must be one of … (got "weird") (column "Status")',
        'line 5: id: is empty (column "shift_id")',
        '… 1 more rows with errors',
      ],
    });
  });

  it('prints a refusal with its row and parameter errors', () => {
    expect(
      describeAnswer(400, {
        detail: '1 of 3 rows are invalid; nothing was imported',
        errors: [
          {
            path: 'lines[7].csat',
            message: 'Number must be less than or equal to 5 (got "9") (column "CSAT")',
          },
          { path: 'lines[9]', message: 'Invalid Record Length' },
          { path: 'map.Rating', message: 'unknown field "csatt"' },
        ],
      }),
    ).toEqual({
      ok: false,
      lines: [
        'refused (400): 1 of 3 rows are invalid; nothing was imported',
        'line 7: csat: Number must be less than or equal to 5 (got "9") (column "CSAT")',
        'line 9: (row): Invalid Record Length',
        'map.Rating: unknown field "csatt"',
      ],
    });
  });
});
