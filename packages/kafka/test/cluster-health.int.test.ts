import { createLogger } from '@scorecard/telemetry';
import { kafkaBrokers } from '@scorecard/testkit';
import { clusterHealth, createKafka } from '../src';

const logger = createLogger({ service: 'test', level: 'silent' });

describe('clusterHealth', () => {
  it('passes against the real broker', async () => {
    const health = clusterHealth(createKafka({ brokers: kafkaBrokers(), clientId: 'health-test', logger }));
    await expect(health.check()).resolves.toBeUndefined();
    await expect(health.check()).resolves.toBeUndefined();
    await health.close();
  });

  it('fails, within its timeout, when no broker listens', async () => {
    const health = clusterHealth(createKafka({ brokers: ['127.0.0.1:1'], clientId: 'health-test', logger }));
    const started = Date.now();
    await expect(health.check(1_000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
    await health.close();
  });
});
