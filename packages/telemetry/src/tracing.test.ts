import { currentTraceId, withSpan } from './propagation';
import { startTracing, stopTracing } from './tracing';

describe('startTracing without an exporter', () => {
  afterAll(() => stopTracing());

  it('still creates spans, so trace ids propagate and reach the logs', async () => {
    startTracing({ serviceName: 'test', otlpEndpoint: undefined });
    const id = await withSpan('work', {}, () => Promise.resolve(currentTraceId()));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toBe('00000000000000000000000000000000');
  });
});
