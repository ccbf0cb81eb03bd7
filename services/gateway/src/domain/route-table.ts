import {
  API_OPERATIONS,
  devTokenOperation,
  openApiOperation,
  type ApiOperation,
  type Method,
} from '@scorecard/api';
import type { Role } from './principal';

export type Upstream = 'registry' | 'ingest' | 'compute' | 'review' | 'reporting';

/** Which service owns a group of operations and who may reach them. */
interface AccessRule {
  /** HTTP method, or '*' for any. */
  method: string;
  /** Path pattern under /api/v1 with `:param` segments and a trailing `*` for "and below". */
  pattern: string;
  upstream: Upstream;
  /** Roles allowed to call; the owning service narrows further (own data, manager scope). */
  roles: readonly Role[];
  /**
   * A webhook: reached without a token (the sender cannot get one), forwarded with no identity,
   * the exact body bytes and these request headers, for the service to verify the sender itself.
   */
  webhook?: { passHeaders: readonly string[] };
}

/** One operation the gateway forwards, with the access rule that covers it. */
export interface RouteRule extends Omit<AccessRule, 'method' | 'pattern'> {
  method: Method;
  /** The operation's path under /api/v1, with `{param}` segments. */
  pattern: string;
  operation: ApiOperation;
}

const ALL: readonly Role[] = ['employee', 'manager', 'hr', 'exec', 'admin'];
const READERS: readonly Role[] = ['manager', 'hr', 'exec', 'admin'];

/**
 * Which service owns an operation and who may reach it. First match wins, so specific rules precede
 * general ones. Row-level rules (an employee's own data, a manager's reports) are enforced
 * by the owning service with the identity the gateway forwards.
 */
const RULES: readonly AccessRule[] = [
  // The only unauthenticated routes: ingest verifies the Zendesk HMAC / Freshdesk credential.
  {
    method: 'POST',
    pattern: '/ingest/webhooks/zendesk',
    upstream: 'ingest',
    roles: [],
    webhook: { passHeaders: ['x-zendesk-webhook-signature', 'x-zendesk-webhook-signature-timestamp'] },
  },
  {
    method: 'POST',
    pattern: '/ingest/webhooks/freshdesk',
    upstream: 'ingest',
    roles: [],
    webhook: { passHeaders: ['authorization'] },
  },
  { method: '*', pattern: '/ingest/imports/*', upstream: 'ingest', roles: ['admin', 'hr'] },
  { method: 'POST', pattern: '/ingest/*', upstream: 'ingest', roles: ['admin'] },
  { method: 'GET', pattern: '/ingest/catalog', upstream: 'ingest', roles: ALL },
  { method: 'POST', pattern: '/performance/score-preview', upstream: 'compute', roles: ALL },
  { method: 'POST', pattern: '/admin/bindings/:id/preview', upstream: 'compute', roles: ['admin'] },
  { method: 'GET', pattern: '/admin/*', upstream: 'registry', roles: ['admin', 'hr', 'manager'] },
  { method: '*', pattern: '/admin/*', upstream: 'registry', roles: ['admin'] },
  { method: 'GET', pattern: '/hr/kpi-modules*', upstream: 'registry', roles: READERS },
  { method: 'GET', pattern: '/hr/templates/*', upstream: 'registry', roles: ['admin', 'hr'] },
  { method: 'PUT', pattern: '/hr/templates/*', upstream: 'registry', roles: ['admin', 'hr'] },
  { method: '*', pattern: '/hr/staff/*', upstream: 'review', roles: ['hr', 'manager', 'admin'] },
  { method: 'GET', pattern: '/performance/*', upstream: 'compute', roles: ALL },
  { method: 'POST', pattern: '/performance/*', upstream: 'compute', roles: ['hr', 'exec', 'admin'] },
  { method: 'POST', pattern: '/review/periods/:id/finalize', upstream: 'review', roles: ['hr', 'exec'] },
  { method: '*', pattern: '/review/*', upstream: 'review', roles: ALL },
  { method: '*', pattern: '/journal/*', upstream: 'review', roles: ALL },
  { method: 'GET', pattern: '/audit', upstream: 'review', roles: ['hr', 'admin'] },
  { method: 'GET', pattern: '/me/*', upstream: 'review', roles: ALL },
  { method: 'GET', pattern: '/reports/*', upstream: 'reporting', roles: ALL },
];

function matches(pattern: string, path: string): boolean {
  const pSeg = pattern.split('/').filter(Boolean);
  const seg = path.split('/').filter(Boolean);
  for (let i = 0; i < pSeg.length; i++) {
    const p = pSeg[i] as string;
    const s = seg[i];
    if (p === '*') return s !== undefined;
    if (p.endsWith('*')) return s !== undefined && s.startsWith(p.slice(0, -1)) && i === pSeg.length - 1;
    if (s === undefined) return false;
    if (!p.startsWith(':') && p !== s) return false;
  }
  return seg.length === pSeg.length;
}

/** Whether a request path fits an operation's path template (`{param}` = any one segment). */
function fits(template: string, path: string): boolean {
  const t = template.split('/').filter(Boolean);
  const seg = path.split('/').filter(Boolean);
  return t.length === seg.length && t.every((p, i) => p.startsWith('{') || p === seg[i]);
}

/** The operations the gateway answers itself, without a token. */
export const GATEWAY_OPERATIONS: readonly ApiOperation[] = [devTokenOperation, openApiOperation];

/**
 * Every other operation of the API, each with its access rule: the gateway forwards exactly the
 * documented operations, so an endpoint a service adds is reachable once @scorecard/api lists it.
 */
export const ROUTES: readonly RouteRule[] = API_OPERATIONS.filter(
  (op) => !GATEWAY_OPERATIONS.includes(op),
).map((operation) => {
  const pattern = operation.path.replace(/^\/api\/v1/, '');
  const rule = RULES.find(
    (r) => (r.method === '*' || r.method === operation.method) && matches(r.pattern, pattern),
  );
  if (!rule) throw new Error(`No access rule covers ${operation.method} ${operation.path}`);
  const { method: _m, pattern: _p, ...access } = rule;
  return { ...access, method: operation.method, pattern, operation };
});

/** The route of a request (path under /api/v1), or undefined when no operation has that path. */
export function findRoute(method: string, path: string): RouteRule | undefined {
  return ROUTES.find((r) => r.method === method && fits(r.pattern, path));
}

/** Whether any route exists for the path, regardless of method (405 vs 404). */
export const pathExists = (path: string): boolean => ROUTES.some((r) => fits(r.pattern, path));

/**
 * Whether a route's body is forwarded as the bytes that came rather than parsed JSON: a webhook's
 * (its signature covers the exact bytes) and an operation's whose body is not JSON (CSV imports).
 */
export const rawBody = (r: RouteRule): boolean =>
  r.webhook !== undefined || r.operation.bodyMediaType !== undefined;
