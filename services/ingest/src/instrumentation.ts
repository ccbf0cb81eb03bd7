// Loaded with `--import` before main so http, express and pg are patched.
import { startTracing } from '@scorecard/telemetry';
import { loadIngestConfig } from './config';

startTracing({ serviceName: 'ingest', otlpEndpoint: loadIngestConfig().OTEL_EXPORTER_OTLP_ENDPOINT });
