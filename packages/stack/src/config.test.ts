import { loadStackConfig } from './config';

describe('loadStackConfig', () => {
  it('defaults to the documented ports, database and embedded chdb', () => {
    const cfg = loadStackConfig({ STACK_DIR: '/tmp/s' });
    expect(cfg).toEqual({
      stackDir: '/tmp/s',
      kafkaPort: 9092,
      kafkaControllerPort: 9093,
      registryPort: 8081,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/scorecard',
      registryDatabase: 'scorecard_apicurio',
      clickhouseUrl: undefined,
    });
  });

  it('takes ports and URLs from the env', () => {
    const cfg = loadStackConfig({
      STACK_DIR: '/tmp/s',
      KAFKA_PORT: '19092',
      KAFKA_CONTROLLER_PORT: '19093',
      SCHEMA_REGISTRY_PORT: '18081',
      CLICKHOUSE_URL: 'http://ch:8123',
    });
    expect([cfg.kafkaPort, cfg.kafkaControllerPort, cfg.registryPort, cfg.clickhouseUrl]).toEqual([
      19092,
      19093,
      18081,
      'http://ch:8123',
    ]);
  });

  it('falls back to the last run before the defaults; the env still wins', () => {
    const last = { kafkaPort: 19092, registryPort: 18081, databaseUrl: 'postgres://u@h:5432/last' };
    const cfg = loadStackConfig({ STACK_DIR: '/tmp/s', SCHEMA_REGISTRY_PORT: '28081' }, last);
    expect([cfg.kafkaPort, cfg.kafkaControllerPort, cfg.registryPort, cfg.databaseUrl]).toEqual([
      19092,
      9093,
      28081,
      'postgres://u@h:5432/last',
    ]);
  });

  it.each(['abc', '0', '70000', '90.5'])('rejects KAFKA_PORT=%s naming the variable', (value) => {
    expect(() => loadStackConfig({ STACK_DIR: '/tmp/s', KAFKA_PORT: value })).toThrow(
      `KAFKA_PORT must be a TCP port, got "${value}"`,
    );
  });

  it('finds .stack at the repo root by default', () => {
    expect(loadStackConfig({}).stackDir).toMatch(/\/\.stack$/);
  });
});
