import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { Logger, Metrics } from '@scorecard/telemetry';
import { currentTraceId } from '@scorecard/telemetry';
import { toProblem, problem } from './problem';
import { JSON_TYPES } from './body';
import { rejectNul } from './reject-nul';

/** A dependency the service needs to serve traffic; `/readyz` is green only when all answer. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface ServiceAppOptions {
  service: string;
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  /** Largest JSON body accepted; larger → 413 problem+json. */
  bodyLimit?: string;
  /**
   * POST paths whose body arrives as raw bytes (`req.body` is a Buffer), not parsed JSON: a webhook
   * signature covers the exact bytes sent, which re-serialised JSON would not reproduce.
   */
  rawBodyPaths?: readonly string[];
  /**
   * `false`: no body is parsed before the routes, which read their own (`bodyReader`) — the gateway
   * reads one only after authenticating the caller. Default true.
   */
  parseBodies?: boolean;
  /** Registers the service's own routes. */
  routes: (app: Express) => void;
}

export interface ServiceApp {
  app: Express;
  /** Flip readiness off first on SIGTERM so the load balancer stops sending traffic. */
  setDraining: () => void;
}

/**
 * The express app every service serves: helmet, request ids, one wide log line per request,
 * `/healthz`, `/readyz`, `/metrics`, JSON bodies with a size limit, and problem+json errors.
 */
export function createServiceApp(opts: ServiceAppOptions): ServiceApp {
  let draining = false;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const id = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    const traceId = currentTraceId();
    if (traceId) res.setHeader('x-trace-id', traceId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      opts.metrics.httpDuration.labels(req.method, route, String(res.statusCode)).observe(ms / 1000);
      if (req.path.startsWith('/healthz') || req.path.startsWith('/readyz') || req.path === '/metrics')
        return;
      opts.logger.info(
        {
          req_id: id,
          method: req.method,
          path: req.path,
          route,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: opts.service });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    const results = await Promise.all(
      opts.readiness.map(async (r) => {
        try {
          await r.check();
          return { name: r.name, ok: true };
        } catch (err) {
          return { name: r.name, ok: false, error: (err as Error).message };
        }
      }),
    );
    const ok = results.every((r) => r.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not_ready', checks: results });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });

  if (opts.parseBodies ?? true) {
    const limit = opts.bodyLimit ?? '1mb';
    // Registered first: a body read raw is marked consumed, and the JSON parser leaves it alone.
    if (opts.rawBodyPaths?.length) app.post([...opts.rawBodyPaths], express.raw({ type: () => true, limit }));
    app.use(express.json({ limit, type: JSON_TYPES }));
  }
  app.use(rejectNul);
  opts.routes(app);

  app.use((req: Request, res: Response) => {
    sendProblem(res, problem(404, 'not_found', `No route for ${req.method} ${req.path}`));
  });
  // Express recognises error handlers by their four parameters.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const p = toProblem(err);
    // A 503 is an expected answer (a dependency is away and the client is told to retry): a warning.
    if (p.status === 503)
      opts.logger.warn({ err, req_id: res.locals.requestId as string }, 'service unavailable');
    else if (p.status >= 500)
      opts.logger.error({ err, req_id: res.locals.requestId as string }, 'unhandled error');
    sendProblem(res, p);
  });

  return { app, setDraining: () => (draining = true) };
}

export function sendProblem(res: Response, p: ReturnType<typeof problem>): void {
  const requestId = res.locals.requestId as string | undefined;
  res
    .status(p.status)
    .type('application/problem+json')
    .send(JSON.stringify(requestId ? { ...p, request_id: requestId } : p));
}
