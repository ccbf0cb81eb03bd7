import {
  extendZodWithOpenApi,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type ResponseConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { devTokenOperation, openApiOperation } from './auth';
import { jsonObject } from './common';
import { ingestOperations } from './ingest';
import type { ApiOperation } from './operation';
import { performanceOperations } from './performance';
import { registryOperations } from './registry';
import { reportOperations } from './reports';
import { reviewOperations } from './review';

// The generator reads and writes its metadata through zod's prototype (`.openapi()`).
extendZodWithOpenApi(z);

/** Every operation of `/api/v1`, in the order the document lists them. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  devTokenOperation,
  openApiOperation,
  ...ingestOperations,
  ...registryOperations,
  ...performanceOperations,
  ...reviewOperations,
  ...reportOperations,
];

/** Who may call an operation: anyone (no token), or a bearer token with one of these roles. */
export type Access = 'public' | { roles: readonly string[] };

const PROBLEM = { $ref: '#/components/schemas/Problem' };
const WHY: Record<number, string> = {
  400: 'Invalid input; `errors` names each bad field',
  401: 'Missing, expired or invalid bearer token',
  403: 'The caller’s roles or scope do not allow this',
  404: 'No such resource',
  409: 'Conflicts with the current state (e.g. a finalized period, a duplicate)',
  413: 'Body too large',
  422: 'Well-formed, but refers to unknown entities or breaks a rule (e.g. weights)',
  429: 'Rate limited',
};

const pathParams = (op: ApiOperation) => {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const plain = z.object(Object.fromEntries(names.map((n) => [n, z.string()])));
  return names.length === 0 ? undefined : op.params ? plain.merge(op.params) : plain;
};

/** `GET /api/v1/admin/kpis/{id}` → `getAdminKpisById`. */
const operationId = (op: ApiOperation) =>
  op.method.toLowerCase() +
  op.path
    .replace('/api/v1/', '')
    .split(/[/.-]/)
    .map((s) => (s.startsWith('{') ? `By${s.slice(1, 2).toUpperCase()}${s.slice(2, -1)}` : s))
    .map((s) => s.slice(0, 1).toUpperCase() + s.slice(1))
    .join('');

function errorStatuses(op: ApiOperation, access: Access): number[] {
  const params = pathParams(op);
  const codes = new Set<number>([...(op.errors ?? []), 429]);
  if (op.body || op.query || op.params) codes.add(400);
  if (op.body) codes.add(413);
  if (params || op === devTokenOperation) codes.add(404);
  if (access !== 'public') [401, 403].forEach((c) => codes.add(c));
  return [...codes].sort();
}

function responses(op: ApiOperation, access: Access): Record<string, ResponseConfig> {
  const schema = op.ok?.schema ?? jsonObject;
  const ok: ResponseConfig = {
    description: 'Success',
    content: {
      'application/json': { schema },
      ...(op.ok?.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
    },
  };
  const errors = errorStatuses(op, access).map((c): [string, ResponseConfig] => [
    String(c),
    { description: WHY[c] ?? 'Error', content: { 'application/problem+json': { schema: PROBLEM } } },
  ]);
  return { [String(op.ok?.status ?? 200)]: ok, ...Object.fromEntries(errors) };
}

/**
 * The OpenAPI 3.1 document of `/api/v1`, generated from the zod schemas the services validate
 * with. `access` says who may call each operation (the gateway's route table knows).
 */
export function openApiDocument(access: (op: ApiOperation) => Access) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registry.registerComponent('schemas', 'Problem', {
    type: 'object',
    description: 'RFC 7807 problem details',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'message'],
          properties: { path: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  });
  for (const op of API_OPERATIONS) {
    const who = access(op);
    const params = pathParams(op);
    registry.registerPath({
      method: op.method.toLowerCase() as Lowercase<ApiOperation['method']>,
      path: op.path,
      operationId: operationId(op),
      summary: op.summary,
      tags: [op.tag],
      ...(who === 'public'
        ? { security: [] }
        : {
            security: [{ bearerAuth: [] }],
            description: `Roles: ${who.roles.join(', ')}`,
            'x-roles': who.roles,
          }),
      request: {
        ...(params ? { params } : {}),
        ...(op.query ? { query: op.query } : {}),
        ...(op.body
          ? {
              body: {
                required: true,
                content: { [op.bodyMediaType ?? 'application/json']: { schema: op.body } },
              },
            }
          : {}),
      },
      responses: responses(op, who),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Scorecard API',
      version: '1.0.0',
      description:
        'Explainable KPI → KRA → overall performance scoring. Every operation but the dev token, this document and the webhooks needs `Authorization: Bearer <jwt>`; errors are `application/problem+json`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
  });
}
