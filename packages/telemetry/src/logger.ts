import pino from 'pino';
import type { Logger } from 'pino';
import { context, trace } from '@opentelemetry/api';

export type { Logger };

/**
 * The one structured logger of a service. Every line carries the active trace and span ids, and
 * credentials are redacted wherever they appear.
 */
export function createLogger(opts: { service: string; level: string }): Logger {
  return pino({
    name: opts.service,
    level: opts.level,
    base: { service: opts.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.token',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
    mixin() {
      const span = trace.getSpanContext(context.active());
      return span && trace.isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  });
}
