// Loaded with `--import` before main so http, express and pg are patched.
import { startTracing } from '@scorecard/telemetry';
import { loadReviewConfig } from './config';

startTracing({ serviceName: 'review', otlpEndpoint: loadReviewConfig().OTEL_EXPORTER_OTLP_ENDPOINT });
