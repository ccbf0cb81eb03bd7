import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { withSpan } from '@scorecard/telemetry';
import { headersToStrings, standardHeaders, standardHeadersOf } from './headers';

beforeAll(() => {
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

describe('standardHeaders', () => {
  it('adds event id, time, producer, tenant and the active trace', async () => {
    const { h, traceId } = await withSpan('op', {}, (span) =>
      Promise.resolve({
        h: standardHeaders({ producer: 'review', tenantId: 'ten-1' }),
        traceId: span.spanContext().traceId,
      }),
    );
    expect(h['event-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(h['occurred-at'] ?? '').toISOString()).toBe(h['occurred-at']);
    expect(h).toMatchObject({ producer: 'review', 'tenant-id': 'ten-1' });
    expect(h.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('lets given headers win and leaves out what is unknown', () => {
    const h = standardHeaders({
      producer: 'ingest',
      headers: { 'event-id': 'e1', 'occurred-at': '2026-01-01T00:00:00.000Z', traceparent: 'tp' },
    });
    expect(h).toEqual({
      'event-id': 'e1',
      'occurred-at': '2026-01-01T00:00:00.000Z',
      producer: 'ingest',
      traceparent: 'tp',
    });
    expect(standardHeaders({ producer: 'p' })).not.toHaveProperty('traceparent');
  });
});

describe('standardHeadersOf', () => {
  it('reads trace, time and producer once for a batch; event ids per message unless given', async () => {
    const { a, b, c, traceId } = await withSpan('batch', {}, (span) => {
      const of = standardHeadersOf('ingest');
      return Promise.resolve({
        a: of('t1'),
        b: of('t2'),
        c: of(undefined, { 'event-id': 'given', producer: 'other' }),
        traceId: span.spanContext().traceId,
      });
    });
    expect(a.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect([b.traceparent, c.traceparent]).toEqual([a.traceparent, a.traceparent]);
    expect([b['occurred-at'], c['occurred-at']]).toEqual([a['occurred-at'], a['occurred-at']]);
    expect(a['event-id']).not.toBe(b['event-id']);
    expect(a).toMatchObject({ producer: 'ingest', 'tenant-id': 't1' });
    expect(c).toMatchObject({ 'event-id': 'given', producer: 'other' });
    expect(c).not.toHaveProperty('tenant-id');
  });
});

describe('headersToStrings', () => {
  it('turns Buffers into strings and keeps the first of repeated headers', () => {
    expect(
      headersToStrings({
        a: Buffer.from('x'),
        b: [Buffer.from('1'), Buffer.from('2')],
        c: 'plain',
        d: undefined,
      }),
    ).toEqual({ a: 'x', b: '1', c: 'plain' });
    expect(headersToStrings(undefined)).toEqual({});
  });
});
