import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from './config';
import { kafkaHealthy, registryHealthy } from './health';
import { kafkaBrokers, kafkaProcess, prepareKafka, startKafka } from './kafka-process';
import { ensureApicurio, ensureKafkaLib } from './maven';
import type { StackPaths } from './paths';
import type { ManagedProcess } from './process';
import { registryBaseUrl, registryProcess, schemaRegistryUrl, startRegistry } from './registry-process';

/** One JVM the stack runs: how to install, start and health-check it. */
export interface Component {
  name: string;
  process: ManagedProcess;
  ports: { env: string; port: number }[];
  url: string;
  /** Fetches artifacts unless already there; true when it downloaded. */
  install(log: (line: string) => void): Promise<boolean>;
  start(): Promise<number>;
  healthy(): Promise<boolean>;
  startTimeoutMs: number;
}

export function components(cfg: StackConfig, paths: StackPaths): Component[] {
  return [
    {
      name: 'kafka',
      process: kafkaProcess(paths),
      ports: [
        { env: 'KAFKA_PORT', port: cfg.kafkaPort },
        { env: 'KAFKA_CONTROLLER_PORT', port: cfg.kafkaControllerPort },
      ],
      url: kafkaBrokers(cfg).join(','),
      install: (log) => ensureKafkaLib(paths.kafkaPom, paths.kafkaLib, log),
      start: async () => {
        await prepareKafka(cfg, paths);
        return startKafka(paths);
      },
      healthy: () => kafkaHealthy(kafkaBrokers(cfg)),
      startTimeoutMs: 120_000,
    },
    {
      name: 'registry',
      process: registryProcess(paths),
      ports: [{ env: 'SCHEMA_REGISTRY_PORT', port: cfg.registryPort }],
      url: schemaRegistryUrl(cfg),
      install: (log) => {
        mkdirSync(paths.registryHome, { recursive: true });
        return ensureApicurio(join(paths.registryHome, 'app'), log);
      },
      start: () => Promise.resolve(startRegistry(cfg, paths)),
      healthy: () => registryHealthy(registryBaseUrl(cfg), schemaRegistryUrl(cfg)),
      startTimeoutMs: 180_000,
    },
  ];
}
