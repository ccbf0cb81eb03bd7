import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { currentTraceId, traceHeaders, withRemoteSpan, withSpan } from './propagation';

const exporter = new InMemorySpanExporter();

beforeAll(() => {
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});

describe('trace propagation through message headers', () => {
  it('continues the trace carried by a Buffer traceparent header', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const headers = { traceparent: Buffer.from(`00-${traceId}-00f067aa0ba902b7-01`), other: undefined };
    const seen = await withRemoteSpan(headers, 'consume', { topic: 't' }, () =>
      Promise.resolve(currentTraceId()),
    );
    expect(seen).toBe(traceId);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'consume');
    expect(span?.parentSpanId).toBe('00f067aa0ba902b7');
  });

  it('injects the active span into outgoing headers', async () => {
    const headers = await withSpan('produce', {}, () => Promise.resolve(traceHeaders()));
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'produce');
    expect(headers.traceparent).toContain(span?.spanContext().traceId);
  });

  it('has no trace id outside a span', () => {
    expect(currentTraceId()).toBeUndefined();
  });
});
