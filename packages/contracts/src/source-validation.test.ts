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
