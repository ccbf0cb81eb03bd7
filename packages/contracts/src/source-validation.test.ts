import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { dataSchema, ingestEventSchema } from './source-validation';
import { buildSourceEvent, sourceEventData } from './source-events';
import { TicketingEventSchema } from './generated/scorecard/source/ticketing/v1/ticketing_pb';

const ticket = {
  source: 'ticketing',
  entity: 'ticket',
  id: 'T-1',
  op: 'upsert',
  occurred_at: '2026-01-05T10:00:00Z',
  version: 3,
  data: {
    status: 'closed',
    priority: 'high',
    closed_at: '2026-01-05T10:00:00Z',
    closed_by: 'e1',
    csat: 4.5,
    sla_breached: false,
    region: 'lagos',
    tags: ['a'],
  },
};

describe('ingest validation from the catalog', () => {
  it('accepts a canonical event and keeps non-canonical fields', () => {
    const parsed = ingestEventSchema.parse(ticket);
    expect(parsed.data).toEqual(ticket.data);
  });

  it('names each bad field under data', () => {
    const r = ingestEventSchema.safeParse({
      ...ticket,
      data: { status: 'done', csat: 9, closed_at: 'yesterday', sla_breached: 'no' },
    });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['data.closed_at', 'data.csat', 'data.sla_breached', 'data.status']);
  });

  it('rejects an entity the source does not have, and an upsert without data', () => {
    expect(ingestEventSchema.safeParse({ ...ticket, entity: 'invoice' }).error?.issues[0]?.path).toEqual([
      'entity',
    ]);
    expect(ingestEventSchema.safeParse({ ...ticket, data: undefined }).error?.issues[0]?.path).toEqual([
      'data',
    ]);
    expect(ingestEventSchema.safeParse({ ...ticket, op: 'delete', data: undefined }).success).toBe(true);
  });

  it.each([
    ['2026-01-05T10:00:00Z', true],
    ['2026-01-05T10:00:00.123456Z', true],
    ['2026-01-05T10:00:00+01:00', true],
    ['2026-01-05T10:00Z', true],
    ['2026-01-05', false],
    ['2026-13-05T10:00:00Z', false],
    ['2026-01-05T10:00:00', false],
    ['2026-01-05 10:00:00Z', false],
  ])('timestamp %s valid: %s', (closedAt, ok) => {
    expect(ingestEventSchema.safeParse({ ...ticket, data: { closed_at: closedAt } }).success).toBe(ok);
  });

  // What each catalog field type accepts and refuses, with zod 3's messages (the `data` validators
  // moved to zod 4 for speed; these cases were recorded against the zod 3 ones and pass unchanged).
  const ONE_OF_STATUS =
    'must be one of new, open, in_progress, pending, on_hold, resolved, closed, reopened, canceled, merged';
  it.each<[string, string, unknown, string | null]>([
    // string
    ['ticket', 'ticket_type', 'incident', null],
    ['ticket', 'ticket_type', '', null],
    ['ticket', 'ticket_type', 7, 'Expected string, received number'],
    ['ticket', 'ticket_type', true, 'Expected string, received boolean'],
    ['ticket', 'ticket_type', ['a'], 'Expected string, received array'],
    ['ticket', 'ticket_type', { a: 1 }, 'Expected string, received object'],
    // timestamp
    ['ticket', 'closed_at', '2026-01-05T10:00:00Z', null],
    ['ticket', 'closed_at', '2026-01-05T10:00:00.123+0100', null],
    ['ticket', 'closed_at', '2026-01-05', 'must be an ISO-8601 timestamp'],
    ['ticket', 'closed_at', '2026-13-05T10:00:00Z', 'must be an ISO-8601 timestamp'],
    ['ticket', 'closed_at', '', 'must be an ISO-8601 timestamp'],
    ['ticket', 'closed_at', 1767607200000, 'Expected string, received number'],
    // boolean
    ['ticket', 'sla_breached', true, null],
    ['ticket', 'sla_breached', false, null],
    ['ticket', 'sla_breached', 'true', 'Expected boolean, received string'],
    ['ticket', 'sla_breached', 0, 'Expected boolean, received number'],
    // enum
    ['ticket', 'status', 'closed', null],
    ['ticket', 'status', 'done', ONE_OF_STATUS],
    ['ticket', 'status', 'Closed', ONE_OF_STATUS],
    ['ticket', 'status', 1, 'Expected string, received number'],
    // number with min 1 and max 5, with min 0, unbounded
    ['ticket', 'csat', 1, null],
    ['ticket', 'csat', 5, null],
    ['ticket', 'csat', 4.5, null],
    ['ticket', 'csat', 0.5, 'Number must be greater than or equal to 1'],
    ['ticket', 'csat', 9, 'Number must be less than or equal to 5'],
    ['ticket', 'csat', '4', 'Expected number, received string'],
    ['ticket', 'csat', NaN, 'Expected number, received nan'],
    // (zod 3 also added "less than or equal to 5" here; JSON has no Infinity anyway)
    ['ticket', 'csat', Infinity, 'Number must be finite'],
    ['ticket', 'reopened_count', 0, null],
    ['ticket', 'reopened_count', -1, 'Number must be greater than or equal to 0'],
    ['invoice', 'amount', -12.5, null],
    ['invoice', 'amount', 1e12, null],
    ['invoice', 'amount', -Infinity, 'Number must be finite'],
    // nullish: null clears a field, undefined is absent
    ['invoice', 'amount', null, null],
    ['ticket', 'closed_at', null, null],
    ['ticket', 'status', null, null],
    ['ticket', 'status', undefined, null],
    // non-canonical fields pass through unchecked
    ['ticket', 'region', { nested: [1, 'x'] }, null],
    ['ticket', 'tags', 3, null],
  ])('%s.data.%s = %p → %p', (entity, field, value, message) => {
    const source = entity === 'ticket' ? 'ticketing' : 'finance';
    const r = ingestEventSchema.safeParse({ ...ticket, source, entity, data: { [field]: value } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message]) ?? null).toEqual(
      message === null ? null : [[`data.${field}`, message]],
    );
    if (r.success) expect(r.data.data).toEqual({ [field]: value });
  });

  it('reports every bad field of one event, in catalog order, and refuses a data that is no object', () => {
    const r = ingestEventSchema.safeParse({
      ...ticket,
      data: { ticket_type: 3, csat: 9, sla_breached: 'no', closed_at: 'yesterday', status: 'done' },
    });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      `data.status: ${ONE_OF_STATUS}`,
      'data.closed_at: must be an ISO-8601 timestamp',
      'data.sla_breached: Expected boolean, received string',
      'data.csat: Number must be less than or equal to 5',
      'data.ticket_type: Expected string, received number',
    ]);
    for (const data of ['str', ['a']])
      expect(ingestEventSchema.safeParse({ ...ticket, data }).error?.issues.map((i) => i.path)).toEqual([
        ['data'],
      ]);
  });

  it.each<[string, unknown, string[]]>([
    ['a good time', { occurred_at: '2026-01-05T10:00:00.5+01:00' }, []],
    ['no time of day', { occurred_at: '2026-01-05' }, ['occurred_at: must be an ISO-8601 timestamp']],
    ['month 13', { occurred_at: '2026-13-05T10:00:00Z' }, ['occurred_at: must be an ISO-8601 timestamp']],
    ['a number', { occurred_at: 1767607200000 }, ['occurred_at: Expected string, received number']],
    [
      'an impossible date next to an unknown entity',
      { occurred_at: '2026-01-32T10:00:00Z', entity: 'invoice' },
      ['occurred_at: must be an ISO-8601 timestamp', 'entity: unknown entity of source ticketing'],
    ],
    [
      'a malformed time next to a bad source',
      { occurred_at: 'yesterday', source: 'mars' },
      [
        "source: Invalid enum value. Expected 'hr' | 'ticketing' | 'field_service' | 'noc' | 'finance' | 'crm' | 'care' | 'learning', received 'mars'",
        'occurred_at: must be an ISO-8601 timestamp',
      ],
    ],
  ])('the event time: %s', (_name, over, issues) => {
    const r = ingestEventSchema.safeParse({ ...ticket, ...(over as object) });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []).toEqual(issues);
  });

  // One good and one bad event per care and learning entity: the bad fields are named under data.
  it.each<[string, string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'care',
      'shift',
      {
        worker_id: 'e1',
        team_id: 't1',
        scheduled_start: '2026-10-01T08:00:00Z',
        actual_start: '2026-10-01T08:03:00Z',
        status: 'completed',
        late_notice: false,
      },
      { status: 'late', late_notice: 'yes', actual_start: '8am' },
      ['data.actual_start', 'data.status', 'data.late_notice'],
    ],
    [
      'care',
      'incident',
      {
        occurred_at: '2026-10-01T08:00:00Z',
        reported_by: 'e1',
        staff_involved: 'e1,e2',
        reportable: true,
        priority: 'p1',
        status: 'open',
      },
      { staff_involved: ['e1', 'e2'], reportable: 1, priority: 'p3' },
      ['data.staff_involved', 'data.reportable', 'data.priority'],
    ],
    [
      'care',
      'progress_note',
      { author_id: 'e1', due_at: '2026-10-01T20:00:00Z', goal_linked: true, audit_result: null },
      { audit_result: 'ok', submitted_at: '2026-10-01' },
      ['data.submitted_at', 'data.audit_result'],
    ],
    [
      'care',
      'feedback',
      { kind: 'survey', about_staff_id: 'e1', rating: 4, received_at: '2026-10-01T20:00:00Z' },
      { kind: 'praise', rating: 6 },
      ['data.kind', 'data.rating'],
    ],
    [
      'care',
      'medication',
      { administered_by: 'e1', scheduled_at: '2026-10-01T08:00:00Z', outcome: 'given' },
      { outcome: 'skipped', administered_by: 7 },
      ['data.administered_by', 'data.outcome'],
    ],
    [
      'learning',
      'training_record',
      { employee_id: 'e1', module: 'first-aid', mandatory: true, expires_at: '2027-10-01T00:00:00Z' },
      { mandatory: 'true', due_at: 'soon' },
      ['data.mandatory', 'data.due_at'],
    ],
    [
      'hr',
      'supervision',
      { supervisor_id: 'm1', supervisee_id: 'e1', held_at: '2026-10-01T10:00:00Z', kind: 'catch_up' },
      { kind: 'chat', held_at: 3 },
      ['data.held_at', 'data.kind'],
    ],
  ])('%s/%s: accepts canonical data and names each bad field', (source, entity, good, bad, paths) => {
    const event = { ...ticket, source, entity };
    expect(ingestEventSchema.safeParse({ ...event, data: good }).success).toBe(true);
    const r = ingestEventSchema.safeParse({ ...event, data: bad });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(paths);
  });

  it('allows null to clear a field', () => {
    expect(dataSchema('hr', 'employee')?.safeParse({ exited_at: null }).success).toBe(true);
    expect(dataSchema('hr', 'nope')).toBeUndefined();
  });
});

describe('source envelopes', () => {
  it('maps canonical fields to the entity message, the rest to extra, and back', () => {
    const record = buildSourceEvent({
      tenantId: 'ten',
      eventId: 'ev1',
      ingestedAt: '2026-01-05T10:00:01Z',
      event: ingestEventSchema.parse(ticket),
    });
    expect(record.topic).toBe('scorecard.source.ticketing.v1');
    expect(record.key).toBe('T-1');
    const bytes = toBinary(TicketingEventSchema, create(TicketingEventSchema, record.message as never));
    const decoded = fromBinary(TicketingEventSchema, bytes);
    expect(decoded.data.case).toBe('ticket');
    expect(decoded.version).toBe('3');
    expect(decoded.extra).toEqual({ region: 'lagos', tags: '["a"]' });
    expect(sourceEventData(decoded)).toEqual({
      op: 'upsert',
      data: {
        status: 'closed',
        priority: 'high',
        closed_at: '2026-01-05T10:00:00Z',
        closed_by: 'e1',
        csat: 4.5,
        sla_breached: false,
      },
      extra: { region: 'lagos', tags: '["a"]' },
    });
  });

  it('sends a delete without entity data', () => {
    const record = buildSourceEvent({
      tenantId: 'ten',
      eventId: 'ev2',
      ingestedAt: 'x',
      event: ingestEventSchema.parse({ ...ticket, op: 'delete' }),
    });
    const decoded = fromBinary(
      TicketingEventSchema,
      toBinary(TicketingEventSchema, create(TicketingEventSchema, record.message as never)),
    );
    expect(sourceEventData(decoded)).toEqual({ op: 'delete', data: {}, extra: {} });
  });
});
