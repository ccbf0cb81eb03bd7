import type { Express, NextFunction, Request, Response } from 'express';
import cors from 'cors';
import { rateLimit } from 'express-rate-limit';
import { devTokenBody } from '@scorecard/api';
import { ForbiddenError, NotFoundError, UnauthorizedError, AppError } from '@scorecard/errors';
import { bodyReader, parseWith, problem, sendProblem } from '@scorecard/http';
import type { GatewayConfig } from '../../config';
import { gatewayOpenApiDocument } from '../../domain/openapi-document';
import type { Principal } from '../../domain/principal';
import { findRoute, pathExists, rawBody, type RouteRule, type Upstream } from '../../domain/route-table';
import type { DevClaims, TokenVerifier } from './token-verifier';
import { forward, UpstreamError } from './forward';

export interface GatewayDeps {
  config: GatewayConfig;
  verifier: TokenVerifier;
  /** Present only in dev auth mode. */
  issueDevToken?: (claims: DevClaims) => Promise<string>;
}

function bearer(req: Request): string {
  const h = req.header('authorization') ?? '';
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(h);
  if (!m?.[1]) throw new UnauthorizedError();
  return m[1];
}

export function gatewayRoutes(deps: GatewayDeps) {
  const { config } = deps;
  const upstreams: Record<Upstream, string> = {
    registry: config.REGISTRY_URL,
    ingest: config.INGEST_URL,
    compute: config.COMPUTE_URL,
    review: config.REVIEW_URL,
    reporting: config.REPORTING_URL,
  };
  // No body is read before the caller is known: anonymous requests get the small limit, and only
  // authenticated ingest the large one.
  const readers = {
    preAuth: {
      json: bodyReader('json', config.PRE_AUTH_BODY_LIMIT),
      raw: bodyReader('raw', config.PRE_AUTH_BODY_LIMIT),
    },
    ingest: { json: bodyReader('json', config.BODY_LIMIT), raw: bodyReader('raw', config.BODY_LIMIT) },
    other: {
      json: bodyReader('json', config.AUTHENTICATED_BODY_LIMIT),
      raw: bodyReader('raw', config.AUTHENTICATED_BODY_LIMIT),
    },
  };
  const readBody = (route: RouteRule, authenticated: boolean, req: Request, res: Response) =>
    readers[!authenticated ? 'preAuth' : route.upstream === 'ingest' ? 'ingest' : 'other'][
      rawBody(route) ? 'raw' : 'json'
    ](req, res);
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);

  return (app: Express) => {
    app.use(cors({ origin: origins, credentials: false, exposedHeaders: ['x-request-id', 'x-trace-id'] }));
    app.use(
      '/api/',
      rateLimit({
        windowMs: 60_000,
        limit: config.RATE_LIMIT_PER_MINUTE,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res) =>
          sendProblem(res, problem(429, 'rate_limited', 'Too many requests; slow down')),
      }),
    );

    let openApi: ReturnType<typeof gatewayOpenApiDocument> | undefined;
    app.get('/api/v1/openapi.json', (_req, res) => {
      res.json((openApi ??= gatewayOpenApiDocument()));
    });

    app.post('/api/v1/auth/dev-token', async (req, res) => {
      if (!deps.issueDevToken) throw new NotFoundError('Dev tokens exist only in dev auth mode');
      await readers.preAuth.json(req, res);
      const body = parseWith(devTokenBody, req.body);
      const token = await deps.issueDevToken({
        subject: body.sub,
        roles: body.roles,
        tenantId: body.tenant_id ?? config.DEV_DEFAULT_TENANT,
        employeeId: body.employee_id,
      });
      res.json({ token });
    });

    app.use('/api/v1', async (req: Request, res: Response, next: NextFunction) => {
      try {
        const route = findRoute(req.method, req.path);
        if (!route) {
          const p = pathExists(req.path)
            ? problem(405, 'method_not_allowed', `${req.method} is not allowed on ${req.path}`)
            : problem(404, 'not_found', `No route for ${req.method} ${req.path}`);
          sendProblem(res, p);
          return;
        }
        const target = {
          name: route.upstream,
          baseUrl: upstreams[route.upstream],
          timeoutMs: config.PROXY_TIMEOUT_MS,
        };
        if (route.webhook) {
          await readBody(route, false, req, res);
          await forward(req, res, target, undefined, route.webhook.passHeaders);
          return;
        }
        const principal: Principal = await deps.verifier.verify(bearer(req));
        if (!principal.roles.some((r) => route.roles.includes(r))) {
          throw new ForbiddenError(`Requires one of: ${route.roles.join(', ')}`);
        }
        res.locals.principal = principal;
        await readBody(route, true, req, res);
        await forward(req, res, target, principal);
      } catch (err) {
        if (err instanceof UpstreamError) {
          sendProblem(res, problem(err.kind === 'timeout' ? 504 : 502, `upstream_${err.kind}`, err.message));
          return;
        }
        if (err instanceof AppError) {
          sendProblem(res, problem(err.status, err.code, err.message, [...err.errors]));
          return;
        }
        next(err);
      }
    });
  };
}
