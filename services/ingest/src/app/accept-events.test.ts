import type { SourceEventRecord } from '@scorecard/contracts';
import { ingestBatchSchema, identityKey, type ResolvedEvent } from '../domain/ingest-batch';
import { acceptEvents, eventIdOf, type AcceptedEventClaims, type UnitOfWork } from './accept-events';

/** A hand-written fake of our claims port with commit/rollback semantics. */
function fakeStore() {
  const committed = new Set<string>();
  const unitOfWork: UnitOfWork = async (fn) => {
    const pending = new Set<string>();
    const claims: AcceptedEventClaims = {
      claim: (tenant, evs: readonly { ev: ResolvedEvent; eventId: string }[]) => {
        const fresh = new Set<string>();
        for (const { ev, eventId } of evs) {
          // Claims are by event id; check that it is the identity's.
          if (eventId !== eventIdOf(identityKey(tenant, ev))) throw new Error('event id is not the identity');
          if (!committed.has(eventId) && !pending.has(eventId)) {
            pending.add(eventId);
            fresh.add(eventId);
          }
        }
        return Promise.resolve(fresh);
      },
    };
    const out = await fn(claims);
    pending.forEach((k) => committed.add(k));
    return out;
  };
  return { committed, unitOfWork };
}

const batch = (...ids: string[]) =>
  ingestBatchSchema.parse({
    events: ids.map((id) => ({
      source: 'ticketing',
      entity: 'ticket',
      id,
      op: 'upsert',
      occurred_at: '2026-11-02T10:00:00Z',
      version: 1,
      data: { status: 'open' },
    })),
  }).events;

describe('acceptEvents', () => {
  it('publishes new events once and reports repeats as duplicates', async () => {
    const store = fakeStore();
    const published: SourceEventRecord[] = [];
    const deps = {
      unitOfWork: store.unitOfWork,
      publisher: { publish: (r: readonly SourceEventRecord[]) => (published.push(...r), Promise.resolve()) },
    };
    expect(await acceptEvents(deps, 't1', batch('A', 'B', 'A'))).toEqual({ accepted: 2, duplicates: 1 });
    expect(await acceptEvents(deps, 't1', batch('B', 'C'))).toEqual({ accepted: 1, duplicates: 1 });
    expect(published.map((r) => r.key)).toEqual(['A', 'B', 'C']);
    expect(
      published.every((r) => r.topic === 'scorecard.source.ticketing.v1' && r.message.tenantId === 't1'),
    ).toBe(true);
    // Another tenant's identical event is not a duplicate.
    expect(await acceptEvents(deps, 't2', batch('A'))).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('keeps nothing when the broker fails, so a retry publishes', async () => {
    const store = fakeStore();
    const failing = { publish: () => Promise.reject(new Error('broker down')) };
    await expect(
      acceptEvents({ unitOfWork: store.unitOfWork, publisher: failing }, 't1', batch('A')),
    ).rejects.toThrow('broker down');
    expect(store.committed.size).toBe(0);
    let n = 0;
    const ok = { publish: (r: readonly SourceEventRecord[]) => ((n += r.length), Promise.resolve()) };
    expect(await acceptEvents({ unitOfWork: store.unitOfWork, publisher: ok }, 't1', batch('A'))).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    expect(n).toBe(1);
  });

  it('derives the event id from the identity, so a republish after a failed commit keeps its id', async () => {
    const ids: string[] = [];
    const publisher = {
      publish: (r: readonly SourceEventRecord[]) => (
        ids.push(...r.map((x) => x.message.eventId ?? '')),
        Promise.resolve()
      ),
    };
    await acceptEvents({ unitOfWork: fakeStore().unitOfWork, publisher }, 't1', batch('A'));
    await acceptEvents({ unitOfWork: fakeStore().unitOfWork, publisher }, 't1', batch('A'));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventIdOf('a')).not.toBe(eventIdOf('b'));
  });
});
