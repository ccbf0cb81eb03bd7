import type { Attributes, Span } from '@opentelemetry/api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';

/** Kafka header values arrive as Buffers (or arrays of them); HTTP ones as strings. */
export type HeaderCarrier = Record<string, string | Buffer | readonly (string | Buffer)[] | undefined>;

const firstString = (v: HeaderCarrier[string]): string | undefined => {
  const one = Array.isArray(v) ? (v as readonly (string | Buffer)[])[0] : (v as string | Buffer | undefined);
  return one === undefined ? undefined : one.toString();
};

const getter = {
  keys: (carrier: HeaderCarrier) => Object.keys(carrier),
  get: (carrier: HeaderCarrier, key: string) => firstString(carrier[key]),
};

export const tracer = () => trace.getTracer('scorecard');

/** W3C `traceparent` (and `tracestate`) of the active span, for outgoing Kafka messages and outbox rows. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The active trace id, or undefined outside a span. */
export function currentTraceId(): string | undefined {
  const ctx = trace.getSpanContext(context.active());
  return ctx && trace.isSpanContextValid(ctx) ? ctx.traceId : undefined;
}

/**
 * Runs `fn` in a new span whose parent is the context carried by `headers` (a consumed Kafka
 * message, an outbox row): this is how one trace spans ingest → compute → review → reporting.
 */
export async function withRemoteSpan<T>(
  headers: HeaderCarrier,
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.CONSUMER,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers, getter);
  return tracer().startActiveSpan(name, { kind, attributes }, parent, (span) => settle(span, fn));
}

/** Runs `fn` in a child span of the active context (e.g. a producer send, a compute run). */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, (span) => settle(span, fn));
}

/** Runs `fn` in `span`, records a failure on it, and always ends it. */
async function settle<T>(span: Span, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await fn(span);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}

export { SpanKind };
