import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A service's Prometheus registry with process metrics and the metric families every service shares. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'scorecard_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    messagesConsumed: new Counter({
      name: 'scorecard_kafka_messages_consumed_total',
      help: 'Kafka messages handled, by topic and outcome (ok, duplicate, dlq, retry)',
      labelNames: ['topic', 'outcome'] as const,
      registers: [registry],
    }),
    messagesProduced: new Counter({
      name: 'scorecard_kafka_messages_produced_total',
      help: 'Kafka messages acknowledged by the broker, by topic',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
