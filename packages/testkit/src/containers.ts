import { GenericContainer, RandomUniquePortGenerator, Wait } from 'testcontainers';

/** Endpoints of the containers started for missing services; Ryuk removes them when jest exits. */
export interface ContainerEndpoints {
  kafkaBrokers?: string;
  schemaRegistryUrl?: string;
  databaseUrl?: string;
}

async function startKafka(): Promise<string> {
  // Kafka advertises its address to clients, so the container listens on the very port the host
  // maps, known before start.
  const port = await new RandomUniquePortGenerator().generatePort();
  await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://:${port},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return `127.0.0.1:${port}`;
}

async function startRegistry(): Promise<string> {
  const c = await new GenericContainer('apicurio/apicurio-registry:3.0.9')
    .withExposedPorts(8080)
    .withWaitStrategy(Wait.forHttp('/health/ready', 8080))
    .start();
  return `http://${c.getHost()}:${c.getMappedPort(8080)}/apis/ccompat/v7`;
}

async function startPostgres(): Promise<string> {
  const c = await new GenericContainer('postgres:15-alpine')
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'scorecard' })
    // The init scripts restart the server once; the second "ready" is the real one.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return `postgres://postgres@${c.getHost()}:${c.getMappedPort(5432)}/scorecard`;
}

export async function startContainers(need: {
  kafka: boolean;
  registry: boolean;
  postgres: boolean;
}): Promise<ContainerEndpoints> {
  const [kafkaBrokers, schemaRegistryUrl, databaseUrl] = await Promise.all([
    need.kafka ? startKafka() : undefined,
    need.registry ? startRegistry() : undefined,
    need.postgres ? startPostgres() : undefined,
  ]);
  return {
    ...(kafkaBrokers === undefined ? {} : { kafkaBrokers }),
    ...(schemaRegistryUrl === undefined ? {} : { schemaRegistryUrl }),
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  };
}
