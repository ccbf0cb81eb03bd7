import { createLogger, createMetrics } from '@scorecard/telemetry';
import { createServiceApp, runService, runMain } from '@scorecard/http';
import { loadGatewayConfig } from './config';
import { gatewayRoutes } from './adapters/http/routes';
import { devTokenVerifier, oidcVerifier, type DevClaims } from './adapters/http/token-verifier';
import { webAppRoutes } from './adapters/http/web-app';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const metrics = createMetrics('gateway');
  const dev = config.AUTH_MODE === 'dev' ? devTokenVerifier(config.DEV_JWT_SECRET) : undefined;
  const verifier = dev ?? oidcVerifier(config);
  if (dev) logger.warn('dev auth mode: POST /api/v1/auth/dev-token issues tokens for any role');

  const { app, setDraining } = createServiceApp({
    service: 'gateway',
    logger,
    metrics,
    // Bodies are read by the routes, after authentication (adapters/http/routes.ts).
    parseBodies: false,
    // The gateway is ready when it can serve; upstream health is each service's own probe.
    readiness: [],
    routes: (app) => {
      gatewayRoutes({
        config,
        verifier,
        ...(dev ? { issueDevToken: (c: DevClaims) => dev.issue(c) } : {}),
      })(app);
      webAppRoutes(config.WEB_DIST_DIR)(app);
    },
  });
  await runService({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    setDraining,
    onShutdown: () => Promise.resolve(),
  });
}

runMain('gateway', main);
