/** A variable the jest global setup provides; a clear error when a test runs without it. */
export function requireEnv(name: 'DATABASE_URL' | 'KAFKA_BROKERS' | 'SCHEMA_REGISTRY_URL'): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run int/e2e tests through jest (its global setup provides it)`);
  return value;
}

/** KAFKA_BROKERS as the list kafkajs takes. */
export const kafkaBrokers = (): string[] => requireEnv('KAFKA_BROKERS').split(',');
