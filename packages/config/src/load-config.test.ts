import { z } from 'zod';
import { ConfigError, commonEnv, kafkaEnv, loadConfig, portEnv } from './index';

const schema = z.object({ ...commonEnv, ...kafkaEnv, ...portEnv(4002) });

describe('loadConfig', () => {
  it('applies defaults and coerces', () => {
    const cfg = loadConfig(schema, { PORT: '5000', KAFKA_BROKERS: 'a:1, b:2' });
    expect(cfg.PORT).toBe(5000);
    expect(cfg.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(cfg.LOG_LEVEL).toBe('info');
    expect(loadConfig(schema, {}).PORT).toBe(4002);
  });

  it('names every bad variable', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const vars = (caught as ConfigError).problems.map((p) => p.variable).sort();
    expect(vars).toEqual(['LOG_LEVEL', 'PORT']);
    expect((caught as ConfigError).message).toContain('PORT');
  });
});
