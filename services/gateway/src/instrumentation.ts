// Loaded with `--import` before main so http and express are patched.
import { startTracing } from '@scorecard/telemetry';
import { loadGatewayConfig } from './config';

startTracing({ serviceName: 'gateway', otlpEndpoint: loadGatewayConfig().OTEL_EXPORTER_OTLP_ENDPOINT });
