import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry. Call it from the service's `instrumentation.ts`, loaded before any other
 * module so http/express/pg are patched. Without an OTLP endpoint spans are still created, so
 * trace ids propagate over HTTP and Kafka headers and appear in logs; they are just not exported.
 */
export function startTracing(opts: { serviceName: string; otlpEndpoint?: string | undefined }): void {
  if (sdk) return;
  const exporter = opts.otlpEndpoint
    ? new OTLPTraceExporter({ url: `${opts.otlpEndpoint.replace(/\/$/, '')}/v1/traces` })
    : undefined;
  sdk = new NodeSDK({
    resource: new Resource({ [ATTR_SERVICE_NAME]: opts.serviceName }),
    // Without a processor NodeSDK registers no tracer provider at all, and then no trace ids exist
    // to propagate or log; the no-op processor keeps tracing on with nowhere to export.
    spanProcessors: [
      exporter ? new BatchSpanProcessor(exporter, { scheduledDelayMillis: 200 }) : new NoopSpanProcessor(),
    ],
    instrumentations: [
      // Health and metrics probes would drown real traces.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? ''),
        // Span attributes from an allow-list: never raw headers or bodies.
        headersToSpanAttributes: { server: { requestHeaders: ['x-request-id'] } },
      }),
      // A span per middleware (helmet, ids, body parser, CORS, rate limit…) was about a fifth of
      // the gateway's CPU at 500 rps and says nothing the route's handler span does not.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
}

/** Flushes pending spans; part of graceful shutdown. */
export async function stopTracing(): Promise<void> {
  const s = sdk;
  sdk = undefined;
  try {
    await s?.shutdown();
  } catch {
    // A collector that is down at shutdown costs the last spans, not a clean exit.
  }
}
