// Loaded with `--import` before main so http, express and pg are patched.
import { startTracing } from '@scorecard/telemetry';
import { loadReportingConfig } from './config';

startTracing({ serviceName: 'reporting', otlpEndpoint: loadReportingConfig().OTEL_EXPORTER_OTLP_ENDPOINT });
