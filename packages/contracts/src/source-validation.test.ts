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
        "source: Invalid enum value. Expected 'hr' | 'ticketing' | 'field_service' | 'noc' | 'finance' | 'crm', received 'mars'",
        'occurred_at: must be an ISO-8601 timestamp',
      ],
    ],
  ])('the event time: %s', (_name, over, issues) => {
    const r = ingestEventSchema.safeParse({ ...ticket, ...(over as object) });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []).toEqual(issues);
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
