import { sourceCatalog, type EntitySpec } from '@scorecard/contracts';
import type { ColumnTarget } from './column-map';
import { csvToEvents, derivedVersion, type CsvImportOptions } from './csv-events';
import { csvPresets } from './csv-presets';

const map = (...pairs: string[]): ColumnTarget[] =>
  pairs.map((p) => {
    const [column, target] = p.split('=') as [string, string];
    return { column, target };
  });
const tickets = (entries: ColumnTarget[], more: Partial<CsvImportOptions> = {}): CsvImportOptions => ({
  source: 'ticketing',
  entity: 'ticket',
  entries,
  timezone: 'UTC',
  ...more,
});
const plan = (csv: string, opts: CsvImportOptions) => {
  const p = csvToEvents(csv, opts);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p;
};

describe('csvToEvents', () => {
  it('numbers rows by the line they start on: header 1, blank lines and quoted line breaks counted', () => {
    const csv =
      'Id,Opened,Type\r\nA,2026-10-01,"two\r\nlines"\r\n\r\nB,2026-10-02,x\r\n,2026-10-03,x\r\nD,2026-10-04\r\n';
    const p = plan(csv, tickets(map('Id=id', 'Opened=created_at', 'Type=ticket_type')));
    expect(p.events.map((e) => [e.line, e.event.id, e.event.data?.['ticket_type']])).toEqual([
      [2, 'A', 'two\nlines'],
      [5, 'B', 'x'],
    ]);
    expect(p.errors).toEqual([
      { line: 6, field: 'id', column: 'Id', message: 'is empty' },
      { line: 7, field: '(row)', message: expect.stringContaining('columns length is 3, got 2') as string },
    ]);
    expect(p).toMatchObject({ rows: 4, invalidRows: 2 });
  });

  it.each([
    // [column value, field, expected]
    ['2026-10-05 09:30', 'created_at', '2026-10-04T22:30:00.000Z'], // AEDT +11 from 4 October
    ['2026-09-30', 'created_at', '2026-09-29T14:00:00.000Z'], // AEST +10: a date is its midnight
    ['05/10/2026 9:30 pm', 'created_at', '2026-10-05T10:30:00.000Z'],
    ['5 Oct 2026 21:30', 'created_at', '2026-10-05T10:30:00.000Z'],
    ['2026-10-05T09:30:00+02:00', 'created_at', '2026-10-05T07:30:00.000Z'], // its own offset wins
    ['1791151200', 'created_at', '2026-10-04T22:00:00.000Z'], // epoch seconds (Deputy)
    ['Yes', 'sla_breached', true],
    ['no', 'sla_breached', false],
    ['1', 'sla_breached', true],
    ['0', 'sla_breached', false],
    ['4', 'csat', 4],
    [' 2.5 ', 'reopened_count', 2.5],
    ['In Progress', 'status', 'in_progress'],
    ['URGENT', 'priority', 'urgent'],
  ])('reads %j as the %s the catalog types it (%j)', (value, field, expected) => {
    const csv = `Id,Opened,Value\nT1,2026-10-01,"${value}"\n`;
    const p = plan(
      csv,
      tickets(map('Id=id', 'Opened=occurred_at', `Value=${field}`), {
        timezone: 'Australia/Sydney',
        dateOrder: 'dmy',
      }),
    );
    expect(p.events[0]?.event.data?.[field]).toEqual(expected);
  });

  it('names the line, field and column of every bad value, with what it got', () => {
    const csv = 'Id,Opened,CSAT,Breached,Status\nT1,2026-10-01,9,maybe,lost\nT2,05/10/2026,3,no,open\n';
    const p = plan(
      csv,
      tickets(map('Id=id', 'Opened=created_at', 'CSAT=csat', 'Breached=sla_breached', 'Status=status')),
    );
    expect(p.events).toEqual([]);
    expect(p.errors).toEqual([
      {
        line: 2,
        field: 'status',
        column: 'Status',
        message: expect.stringMatching(/^must be one of new, open.* \(got "lost"\)$/) as string,
      },
      {
        line: 2,
        field: 'sla_breached',
        column: 'Breached',
        message: 'Expected boolean, received string (got "maybe")',
      },
      { line: 2, field: 'csat', column: 'CSAT', message: 'Number must be less than or equal to 5 (got "9")' },
      {
        line: 3,
        field: 'created_at',
        column: 'Opened',
        message: 'is not a date or time (got "05/10/2026"); a day/month date needs a date order (dmy or mdy)',
      },
    ]);
  });

  it('refuses a column map that names an unknown field, a missing column, no id or no time', () => {
    const header = 'Id,Opened,CSAT\nT1,2026-10-01,4\n';
    expect(
      csvToEvents(header, tickets(map('Id=id', 'Opened=created_at', 'CSAT=csatt', 'Nope=csat'))),
    ).toEqual({
      ok: false,
      errors: [
        {
          path: 'map.CSAT',
          message: expect.stringContaining(
            'unknown field "csatt" of ticketing/ticket; its fields: id, occurred_at, version, deleted, status',
          ) as string,
        },
        { path: 'map.Nope', message: 'no column "Nope" in the file; its columns: Id, Opened, CSAT' },
      ],
    });
    expect(csvToEvents(header, tickets(map('Opened=created_at')))).toEqual({
      ok: false,
      errors: [{ path: 'map', message: 'no column is mapped to id' }],
    });
    expect(csvToEvents(header, tickets(map('Id=id', 'CSAT=csat')))).toEqual({
      ok: false,
      errors: [{ path: 'map', message: expect.stringContaining('no column gives the event time') as string }],
    });
    expect(csvToEvents('Id,Id\n1,2\n', tickets(map('Id=id')))).toEqual({
      ok: false,
      errors: [{ path: 'lines[1]', message: 'column "Id" appears twice' }],
    });
  });

  it('takes the latest time field as the event time without an occurred_at column, and deletes on a truthy deleted column', () => {
    const csv = 'Id,Opened,Resolved,Gone\nT1,2026-10-01 08:00,2026-10-03 17:00,\nT2,2026-10-02 08:00,,yes\n';
    const p = plan(csv, tickets(map('Id=id', 'Opened=created_at', 'Resolved=resolved_at', 'Gone=deleted')));
    expect(p.events.map((e) => [e.event.id, e.event.op, e.event.occurred_at])).toEqual([
      ['T1', 'upsert', '2026-10-03T17:00:00.000Z'],
      ['T2', 'delete', '2026-10-02T08:00:00.000Z'],
    ]);
  });

  it('derives versions that repeat for the same content and rank a fuller row of the same time later', () => {
    const opts = tickets(map('Id=id', 'Opened=created_at', 'Status=status', 'CSAT=csat'));
    const v = (csv: string) => plan(`Id,Opened,Status,CSAT\n${csv}\n`, opts).events[0]?.event.version ?? 0;
    const open = v('T1,2026-10-01 08:00,open,');
    expect(v('T1,2026-10-01 08:00,open,')).toBe(open);
    const rated = v('T1,2026-10-01 08:00,open,5');
    expect(rated).not.toBe(open);
    expect(rated).toBeGreaterThan(open);
    // Still within the event time's second: a later event of the API (version = its time in ms) stays later.
    expect(open - Date.parse('2026-10-01T08:00:00Z')).toBeLessThan(1000);
    expect(v('T1,2026-10-01 08:00,closed,')).not.toBe(open);
    // A version column wins.
    const versioned = plan(
      'Id,Opened,Rev\nT1,2026-10-01,17\n',
      tickets(map('Id=id', 'Opened=created_at', 'Rev=version')),
    );
    expect(versioned.events[0]?.event.version).toBe(17);
    expect(
      derivedVersion({
        source: 'crm',
        entity: 'deal',
        id: 'd',
        op: 'delete',
        occurred_at: '1970-01-01T00:00:01Z',
      }),
    ).toBeLessThan(1020);
  });
});

describe('presets', () => {
  it.each([...csvPresets.values()].map((p) => [p.name, p] as const))(
    '%s maps onto catalog fields',
    (_name, preset) => {
      const spec = (sourceCatalog as Record<string, Record<string, EntitySpec>>)[preset.source]?.[
        preset.entity
      ];
      expect(spec).toBeDefined();
      for (const field of Object.keys(preset.fields))
        expect(Object.keys(spec?.fields ?? {})).toContain(field);
    },
  );

  it('reads an AlayaCare visit export into care/shift, its vocabulary mapped and missing columns left out', () => {
    const csv = [
      'alayacare_visit_id,alayacare_employee_id,alayacare_client_id,start_at,end_at,status,first_clock_in_time,last_clock_out_time',
      'v1,w7,c1,2026-10-05T09:00:00+11:00,2026-10-05T11:00:00+11:00,approved,2026-10-05T09:04:00+11:00,2026-10-05T11:02:00+11:00',
      'v2,w7,c2,2026-10-06T09:00:00+11:00,2026-10-06T11:00:00+11:00,Missed,,',
      'v3,w8,c2,2026-10-07T09:00:00+11:00,2026-10-07T11:00:00+11:00,late,,',
    ].join('\n');
    const p = plan(csv, {
      source: 'care',
      entity: 'shift',
      entries: [],
      preset: csvPresets.get('alayacare-visits')!,
      timezone: 'UTC',
    });
    expect(p.errors).toEqual([]);
    expect(
      p.events.map((e) => [e.event.id, e.event.data?.['status'], e.event.data?.['actual_start']]),
    ).toEqual([
      ['v1', 'completed', '2026-10-04T22:04:00.000Z'],
      ['v2', 'missed', undefined],
      ['v3', 'scheduled', undefined],
    ]);
    expect(p.events[0]?.event.data?.['worker_id']).toBe('w7');
  });

  it('reads an incident register in day/month order, with explicit entries winning over the preset', () => {
    const csv = [
      'Incident ID,Occurred,Reported,Reporter,Staff Involved,Category,NDIS Report Status,Priority,Status',
      'I-1,03/10/2026 14:00,04/10/2026 09:00,w1,"w1,w2",fall,reportable,Urgent,In Progress',
      'I-2,05/10/2026 10:00,05/10/2026 11:00,w2,w2,medication,,low,resolved',
    ].join('\n');
    const p = plan(csv, {
      source: 'care',
      entity: 'incident',
      entries: map('Reporter=reported_by'),
      preset: csvPresets.get('incident-register')!,
      timezone: 'UTC',
    });
    expect(p.errors).toEqual([]);
    expect(p.events[0]?.event).toMatchObject({
      id: 'I-1',
      occurred_at: '2026-10-04T09:00:00.000Z',
      data: {
        occurred_at: '2026-10-03T14:00:00.000Z',
        reported_at: '2026-10-04T09:00:00.000Z',
        reported_by: 'w1',
        staff_involved: 'w1,w2',
        reportable: true,
        priority: 'p1',
        status: 'investigating',
      },
    });
    expect(p.events[1]?.event.data).toMatchObject({ priority: 'none', status: 'closed' });
    expect(p.events[1]?.event.data?.['reportable']).toBeUndefined();
  });
});
