// Loaded with `--import` before main so http, express and pg are patched.
import { startTracing } from '@scorecard/telemetry';
import { loadRegistryConfig } from './config';

startTracing({ serviceName: 'registry', otlpEndpoint: loadRegistryConfig().OTEL_EXPORTER_OTLP_ENDPOINT });
