import { ingestBatchSchema, resolveVersion, identityKey, MAX_BATCH } from './ingest-batch';
import { zodFieldErrors } from '@scorecard/errors';

const ticket = (over: Record<string, unknown> = {}) => ({
  source: 'ticketing',
  entity: 'ticket',
  id: 'T-1',
  op: 'upsert',
  occurred_at: '2026-11-02T10:00:00Z',
  data: { status: 'closed', assigned_to: 'e1', closed_at: '2026-11-02T10:00:00Z' },
  ...over,
});

describe('ingest batch', () => {
  it('accepts canonical events', () => {
    expect(ingestBatchSchema.safeParse({ events: [ticket()] }).success).toBe(true);
  });

  it('names the index and field of every bad event', () => {
    const res = ingestBatchSchema.safeParse({
      events: [
        ticket(),
        ticket({ data: { closed_at: 'yesterday' } }),
        ticket({ entity: 'spaceship' }),
        ticket({ source: 'mars' }),
      ],
    });
    expect(res.success).toBe(false);
    const paths = zodFieldErrors(res.error!)
      .map((e) => e.path)
      .sort();
    expect(paths).toEqual(['events[1].data.closed_at', 'events[2].entity', 'events[3].source']);
  });

  it('bounds the batch', () => {
    expect(ingestBatchSchema.safeParse({ events: [] }).success).toBe(false);
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, (_, i) => ticket({ id: `T-${i}` }));
    const res = ingestBatchSchema.safeParse({ events: tooMany });
    expect(zodFieldErrors(res.error!)[0]?.path).toBe('events');
  });

  it('derives a missing version from the event time, keeps an explicit one', () => {
    const parsed = ingestBatchSchema.parse({ events: [ticket(), ticket({ version: '42' })] }).events;
    expect(resolveVersion(parsed[0]!).version).toBe(Date.parse('2026-11-02T10:00:00Z'));
    expect(resolveVersion(parsed[1]!).version).toBe(42);
    expect(identityKey('t', resolveVersion(parsed[1]!))).not.toBe(
      identityKey('u', resolveVersion(parsed[1]!)),
    );
  });
});
