// Loaded with `--import` before main so http, express and pg are patched.
import { startTracing } from '@scorecard/telemetry';
import { loadComputeConfig } from './config';

startTracing({ serviceName: 'compute', otlpEndpoint: loadComputeConfig().OTEL_EXPORTER_OTLP_ENDPOINT });
