import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { withSpan } from '@scorecard/telemetry';
import { headersToStrings, standardHeaders } from './headers';

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
