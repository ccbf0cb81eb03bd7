import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from './config';
import type { StackPaths } from './paths';
import type { ManagedProcess } from './process';
import { run, spawnJvm } from './process';

export function kafkaProcess(paths: StackPaths): ManagedProcess {
  return {
    name: 'kafka',
    pidFile: join(paths.kafkaHome, 'kafka.pid'),
    logFile: join(paths.logs, 'kafka.log'),
  };
}

export const kafkaBrokers = (cfg: StackConfig): string[] => [`127.0.0.1:${cfg.kafkaPort}`];

function serverProperties(cfg: StackConfig, dataDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${cfg.kafkaControllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${cfg.kafkaPort},CONTROLLER://127.0.0.1:${cfg.kafkaControllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${cfg.kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${dataDir}`,
    // One node: internal topics cannot be replicated.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // Tests start consumers constantly; the default 3 s join delay would slow every one.
    'group.initial.rebalance.delay.ms=0',
    'num.partitions=3',
    // Services own their topics (the topic catalog); a typo must fail, not create a topic.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

const java = (paths: StackPaths, main: string, ...args: string[]): string[] => [
  '-cp',
  join(paths.kafkaLib, '*'),
  `-Dlog4j.configuration=file:${join(paths.kafkaHome, 'log4j.properties')}`,
  main,
  ...args,
];

/** Writes the config for the current ports and formats the KRaft storage the first time. */
export async function prepareKafka(cfg: StackConfig, paths: StackPaths): Promise<void> {
  mkdirSync(paths.kafkaData, { recursive: true });
  const props = join(paths.kafkaHome, 'server.properties');
  writeFileSync(props, serverProperties(cfg, paths.kafkaData));
  writeFileSync(join(paths.kafkaHome, 'log4j.properties'), LOG4J);
  if (existsSync(join(paths.kafkaData, 'meta.properties'))) return;
  const tool = 'kafka.tools.StorageTool';
  const clusterId = (await run('java', java(paths, tool, 'random-uuid'), paths.kafkaHome))
    .trim()
    .split('\n')
    .pop();
  if (clusterId === undefined || clusterId === '') throw new Error('StorageTool random-uuid printed nothing');
  await run('java', java(paths, tool, 'format', '-t', clusterId, '-c', props), paths.kafkaHome);
}

export function startKafka(paths: StackPaths): number {
  const args = [
    '-Xmx1g',
    '-Xms256m',
    ...java(paths, 'kafka.Kafka', join(paths.kafkaHome, 'server.properties')),
  ];
  return spawnJvm(kafkaProcess(paths), args, paths.kafkaHome);
}
